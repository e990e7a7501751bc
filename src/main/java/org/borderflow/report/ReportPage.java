package org.borderflow.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report as one self-contained HTML file: the template, the figures as JSON, the ECharts library from its
 * webjar and the page's script, all inline, so the file can be mailed or opened offline.
 */
public final class ReportPage {

  public static final String ECHARTS_VERSION = "5.3.1";
  static final String ECHARTS = "META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";
  static final String TEMPLATE = "borderflow/report/report.html";
  static final String SCRIPT = "borderflow/report/report.js";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportPage() {}

  public static String render(ObjectNode data, String out) {
    String page = resource(TEMPLATE);
    String title = data.path("run").path("run_id").asText("");
    // Placeholders are replaced longest-content last, so nothing inserted is searched again for a placeholder.
    return page.replace("@TITLE@", escapeHtml(title))
        .replace("@OUT@", escapeHtml(out))
        .replace("@ECHARTS_VERSION@", ECHARTS_VERSION)
        .replace("@DATA@", inScript(json(data)))
        .replace("@REPORT_JS@", inScript(resource(SCRIPT)))
        .replace("@ECHARTS@", inScript(resource(ECHARTS)));
  }

  /** Text that can sit inside a script element: a literal "</" would end the element early. */
  static String inScript(String text) {
    return text.replace("</", "<\\/");
  }

  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String json(ObjectNode data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data is not serialisable", e);
    }
  }

  static String resource(String name) {
    try (InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is not on the classpath (is the echarts webjar?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
