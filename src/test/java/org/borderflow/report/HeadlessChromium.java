package org.borderflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's chromium, run headless the way this machine allows (no sandbox as root, no background networking, a
 * fresh profile), to load a page, let its scripts run on virtual time and hand back the DOM or a screenshot.
 */
final class HeadlessChromium {

  /** Virtual time the page's scripts get before the DOM is read: rendering is synchronous, this is ample. */
  private static final int VIRTUAL_TIME_MS = 10_000;

  private final Path binary;

  private HeadlessChromium(Path binary) {
    this.binary = binary;
  }

  /** The browser named by BORDERFLOW_CHROMIUM, else chromium or chromium-browser on PATH; empty when none. */
  static Optional<HeadlessChromium> find() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getenv("BORDERFLOW_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      candidates.add(Path.of(dir, "chromium"));
      candidates.add(Path.of(dir, "chromium-browser"));
    }
    return candidates.stream().filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
  }

  /** The page's DOM after its scripts ran. */
  String dumpDom(Path page) throws IOException, InterruptedException {
    Path log = Files.createTempFile("chromium", ".log");
    Path dom = Files.createTempFile("chromium", ".html");
    run(List.of("--dump-dom", page.toUri().toString()), dom, log);
    return Files.readString(dom, StandardCharsets.UTF_8);
  }

  /** A PNG of the page at the given window size (the page's full height needs a tall window). */
  void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
    Path log = Files.createTempFile("chromium", ".log");
    run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height, "--screenshot=" + png,
        page.toUri().toString()), log, log);
  }

  private void run(List<String> args, Path stdout, Path log) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + VIRTUAL_TIME_MS));
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish in 120 s: " + command);
    }
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited " + p.exitValue() + ": " + Files.readString(log));
    }
    PublishedSample.deleteTree(profile);
  }
}
