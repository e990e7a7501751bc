package org.borderflow.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.borderflow.sample.CrossingEvent;
import org.borderflow.sample.ParquetRowWriter;
import org.borderflow.sample.WrittenFile;

/**
 * Writes one country's national event source, {@code crossing_events/<cc>_border/}, day by day.
 *
 * <p>Each local day is generated, put in time order and appended to the open Parquet file; once the file holds
 * {@code rowsPerFile} rows it is closed at the end of the day and delivered under
 * {@code ingest_date=<the day after its last day>/part-NNNNN.parquet}, as a border service would deliver its log.
 * A file is written under a hidden name first ({@code _part-NNNNN.parquet}, which the pipeline skips) and moved into
 * place when complete. Event ids are {@code <cc>-<yyyymmdd>-<n>}, {@code n} counting the day's crossings in time order.
 */
final class EventSourceWriter implements Callable<List<WrittenFile>> {

  private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final TrafficModel model;
  private final int country;
  private final Geography.Country geography;
  private final ZoneId zone;
  private final Path sourceDir;
  private final long rowsPerFile;
  private final long seed;
  private final String[] pointNames;
  private final String travellerPrefix;
  private final List<WrittenFile> written = new ArrayList<>();
  private ParquetRowWriter<CrossingEvent> writer;
  private Path pending;
  private long pendingRows;

  EventSourceWriter(TrafficModel model, int country, ZoneId zone, Path crossingEventsDir, long rowsPerFile,
                    long seed) {
    this.model = model;
    this.country = country;
    this.geography = Geography.COUNTRIES.get(country);
    this.zone = zone;
    this.sourceDir = crossingEventsDir.resolve(geography.eventSource());
    this.rowsPerFile = rowsPerFile;
    this.seed = seed;
    this.pointNames = BorderDay.pointNames(geography);
    this.travellerPrefix = Travellers.idPrefix(geography.code());
  }

  @Override
  public List<WrittenFile> call() throws IOException {
    BorderDay day = new BorderDay(geography);
    for (int d = 0; d < model.days(); d++) {
      LocalDate date = model.day(d);
      long start = date.atStartOfDay(zone).toEpochSecond();
      long end = date.plusDays(1).atStartOfDay(zone).toEpochSecond();
      day.start((int) (end - start), new SplittableRandom(Keyed.key(Keyed.key(seed, country), d)));
      for (int z = 0; z < Geography.CITIZENSHIPS.size(); z++) {
        day.setCitizenship(z);
        model.crossings(country, z, d, day);
      }
      day.sortByTime();
      write(day, date, start);
      if (pendingRows >= rowsPerFile) {
        deliver(date);
      }
    }
    deliver(model.day(model.days() - 1));
    return written;
  }

  private void write(BorderDay day, LocalDate date, long dayStartEpochSecond) throws IOException {
    if (day.size() == 0) {
      return;
    }
    if (writer == null) {
      pending = sourceDir.resolve(String.format(Locale.ROOT, "_part-%05d.parquet", written.size()));
      writer = ParquetRowWriter.crossingEvents(pending);
      pendingRows = 0;
    }
    String idPrefix = travellerPrefix + date.format(BASIC_DATE) + "-";
    int year = date.getYear();
    for (int rank = 0; rank < day.size(); rank++) {
      int i = day.inTimeOrder(rank);
      long traveller = day.traveller(i);
      boolean shock = day.shock(i);
      writer.write(new CrossingEvent(
          idPrefix + (rank + 1),
          (dayStartEpochSecond + day.secondOfDay(i)) * 1_000_000L,
          geography.code(),
          pointNames[day.point(i)],
          Geography.BORDER_TYPES[day.borderType(i)],
          Travellers.id(travellerPrefix, traveller),
          Geography.CITIZENSHIPS.get(day.citizenship(i)),
          Travellers.sex(traveller, shock),
          Travellers.birthYear(traveller, shock, year),
          day.direction(i)));
    }
    pendingRows += day.size();
  }

  private void deliver(LocalDate lastDay) throws IOException {
    if (writer == null) {
      return;
    }
    WrittenFile file = writer.finish();
    writer = null;
    Path target = sourceDir.resolve("ingest_date=" + lastDay.plusDays(1))
        .resolve(file.path().getFileName().toString().substring(1));
    Files.createDirectories(target.getParent());
    Files.move(file.path(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    WrittenFile delivered = new WrittenFile(target, file.rows(), file.bytes());
    written.add(delivered);
    System.out.println("wrote " + delivered);
  }
}
