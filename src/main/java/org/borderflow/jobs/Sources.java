package org.borderflow.jobs;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.borderflow.config.ConfigurationException;
import org.borderflow.config.CountryTable;
import org.borderflow.config.PipelineSettings;
import org.borderflow.config.SourceDeclaration;
import org.borderflow.ingest.InputFile;
import org.borderflow.ingest.LandingZone;
import org.borderflow.ingest.SourceFiles;
import org.borderflow.ingest.SourceKind;
import org.borderflow.ingest.SourceLayout;

/** The run's sources: the landing zone's folders and the declared sources elsewhere, each with its layout. */
final class Sources {

  private Sources() {}

  static List<SourceFiles> discover(String raw, Configuration hadoop, PipelineSettings settings,
                                    CountryTable countries) {
    return discover(raw, hadoop, settings, countries, java.util.Map.of());
  }

  /** As above; {@code known}: the files a usable incremental state consumed, whose footers need no new reading. */
  static List<SourceFiles> discover(String raw, Configuration hadoop, PipelineSettings settings,
                                    CountryTable countries, java.util.Map<String, InputFile> known) {
    List<LandingZone.Located> elsewhere = settings.declarations().values().stream()
        .filter(d -> d.location().isPresent())
        .map(d -> new LandingZone.Located(kindOf(d.kind().get()), d.name(), d.location().get()))
        .toList();
    return LandingZone.discover(raw, hadoop, (kind, name) -> {
      SourceDeclaration declaration = settings.declarationOf(name);
      if (declaration.kind().isPresent() && !declaration.kind().get().equals(kind.folder())) {
        throw new ConfigurationException("sources.per-source." + name + ".kind is " + declaration.kind().get()
            + " but the source's files are under " + kind.folder() + "/");
      }
      return new SourceLayout(kind, declaration, countries.alpha2ByAlpha3());
    }, elsewhere, known);
  }

  private static SourceKind kindOf(String folder) {
    for (SourceKind kind : SourceKind.values()) {
      if (kind.folder().equals(folder)) {
        return kind;
      }
    }
    throw new ConfigurationException("unknown source kind '" + folder + "'");
  }
}
