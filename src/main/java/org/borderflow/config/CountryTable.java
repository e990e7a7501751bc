package org.borderflow.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** ISO 3166-1 codes and the time zone in which each country's border service dates its crossings. */
public final class CountryTable {

  private static final String BUNDLED = "borderflow/countries.csv";

  private final Map<String, String> zoneByAlpha2;
  private final Map<String, String> alpha2ByAlpha3;

  private CountryTable(Map<String, String> zoneByAlpha2, Map<String, String> alpha2ByAlpha3) {
    this.zoneByAlpha2 = Collections.unmodifiableMap(zoneByAlpha2);
    this.alpha2ByAlpha3 = Collections.unmodifiableMap(alpha2ByAlpha3);
  }

  /** The table named by {@code reference.countries-file}, or the bundled one when that is empty. */
  public static CountryTable load(String file) {
    try {
      if (file == null || file.isBlank()) {
        InputStream in = CountryTable.class.getClassLoader().getResourceAsStream(BUNDLED);
        if (in == null) {
          throw new ConfigurationException("the bundled country table " + BUNDLED + " is missing from the classpath");
        }
        return parse(in, BUNDLED);
      }
      return parse(Files.newInputStream(Path.of(file)), file);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read the country table " + file + ": " + e.getMessage());
    }
  }

  static CountryTable parse(InputStream in, String name) throws IOException {
    Map<String, String> zones = new TreeMap<>();
    Map<String, String> alpha3 = new TreeMap<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header = reader.readLine();
      if (header == null || !header.startsWith("alpha2,alpha3,time_zone")) {
        throw new ConfigurationException(name + ": expected the header alpha2,alpha3,time_zone,name");
      }
      String line;
      int lineNo = 1;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", 4);
        if (f.length < 3 || !f[0].matches("[A-Z]{2}") || !f[1].matches("[A-Z]{3}")) {
          throw new ConfigurationException(name + " line " + lineNo + ": expected alpha2,alpha3,time_zone,name");
        }
        try {
          ZoneId.of(f[2]);
        } catch (DateTimeException e) {
          throw new ConfigurationException(name + " line " + lineNo + ": unknown time zone '" + f[2] + "'");
        }
        zones.put(f[0], f[2]);
        alpha3.put(f[1], f[0]);
      }
    }
    return new CountryTable(zones, alpha3);
  }

  public Map<String, String> zoneByAlpha2() {
    return zoneByAlpha2;
  }

  public Map<String, String> alpha2ByAlpha3() {
    return alpha2ByAlpha3;
  }

  public boolean isAlpha2(String code) {
    return zoneByAlpha2.containsKey(code);
  }
}
