package org.borderflow.sample;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The canonical Parquet schemas of the landing zone (contract sections 1.1 and 1.2), the foreign shape of
 * {@code crossing_events/am_nss}, and the mapping of a row onto them.
 *
 * <p>Every column is OPTIONAL, as Spark writes them, so a file written here is indistinguishable in its schema from
 * one a Spark job or a national border service would deliver. Timestamps are INT64 microseconds adjusted to UTC,
 * which Spark reads as {@code TimestampType} without the legacy INT96 path.
 */
public final class RawParquetSchemas {

    public static final String DATE = "date";
    public static final String REPORTING_COUNTRY = "reporting_country";
    public static final String CROSSING_POINT = "crossing_point";
    public static final String BORDER_TYPE = "border_type";
    public static final String CITIZENSHIP = "citizenship";
    public static final String DIRECTION = "direction";
    public static final String CROSSINGS = "crossings";
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TIME = "event_time";
    public static final String TRAVELLER_ID = "traveller_id";
    public static final String SEX = "sex";
    public static final String BIRTH_YEAR = "birth_year";
    public static final String COUNTERPART_COUNTRY = "counterpart_country";

    public static final MessageType DAILY_COUNTS = Types.buildMessage()
            .optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(DATE)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REPORTING_COUNTRY)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(CROSSING_POINT)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(BORDER_TYPE)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(CITIZENSHIP)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(DIRECTION)
            .optional(PrimitiveTypeName.INT64).named(CROSSINGS)
            .named("daily_counts");

    /** {@link #DAILY_COUNTS} with the optional destination of an origin-side source (contract section 3). */
    public static final MessageType ORIGIN_COUNTS = Types.buildMessage()
            .addFields(DAILY_COUNTS.getFields().toArray(new org.apache.parquet.schema.Type[0]))
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(COUNTERPART_COUNTRY)
            .named("daily_counts");

    public static final MessageType CROSSING_EVENTS = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(EVENT_ID)
            .optional(PrimitiveTypeName.INT64)
                .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(EVENT_TIME)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(REPORTING_COUNTRY)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(CROSSING_POINT)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(BORDER_TYPE)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(TRAVELLER_ID)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(CITIZENSHIP)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(SEX)
            .optional(PrimitiveTypeName.INT32).named(BIRTH_YEAR)
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(DIRECTION)
            .named("crossing_events");

    /**
     * Armenia's border service: its own names, local time as text, alpha-3 nationality, {@code IN}/{@code OUT}. The
     * declaration in {@code conf/pipeline.conf} maps it onto {@link #CROSSING_EVENTS}.
     */
    public static final MessageType AM_NSS = Types.buildMessage()
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("record_id")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("crossed_at")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("country")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("checkpoint")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("mode")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("person_ref")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("nationality")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("gender")
            .optional(PrimitiveTypeName.INT32).named("year_of_birth")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("movement")
            .named("am_nss");

    private RawParquetSchemas() {
    }

    /** Maps a daily count onto {@link #DAILY_COUNTS}; a null field is left unset, which Parquet stores as null. */
    public static Group toGroup(SimpleGroupFactory factory, DailyCount row) {
        Group group = factory.newGroup();
        group.add(DATE, (int) row.date().toEpochDay());
        group.add(REPORTING_COUNTRY, row.reportingCountry());
        addIfPresent(group, CROSSING_POINT, row.crossingPoint());
        addIfPresent(group, BORDER_TYPE, row.borderType());
        group.add(CITIZENSHIP, row.citizenship());
        group.add(DIRECTION, row.direction().name());
        group.add(CROSSINGS, row.crossings());
        return group;
    }

    /** Maps an origin-side count onto {@link #ORIGIN_COUNTS}. */
    public static Group toGroup(SimpleGroupFactory factory, OriginCount row) {
        Group group = toGroup(factory, row.count());
        addIfPresent(group, COUNTERPART_COUNTRY, row.counterpartCountry());
        return group;
    }

    /** Maps a crossing event onto {@link #CROSSING_EVENTS}; a null field is left unset, which Parquet stores as null. */
    public static Group toGroup(SimpleGroupFactory factory, CrossingEvent row) {
        Group group = factory.newGroup();
        group.add(EVENT_ID, row.eventId());
        group.add(EVENT_TIME, row.eventTimeMicros());
        group.add(REPORTING_COUNTRY, row.reportingCountry());
        group.add(CROSSING_POINT, row.crossingPoint());
        group.add(BORDER_TYPE, row.borderType());
        group.add(TRAVELLER_ID, row.travellerId());
        group.add(CITIZENSHIP, row.citizenship());
        addIfPresent(group, SEX, row.sex());
        if (row.birthYear() != null) {
            group.add(BIRTH_YEAR, row.birthYear().intValue());
        }
        group.add(DIRECTION, row.direction().name());
        return group;
    }

    /** Maps an {@code am_nss} row onto {@link #AM_NSS}, every field as it is; null fields are left unset. */
    public static Group toGroup(SimpleGroupFactory factory, AmNssRow row) {
        Group group = factory.newGroup();
        addIfPresent(group, "record_id", row.recordId());
        addIfPresent(group, "crossed_at", row.crossedAt());
        addIfPresent(group, "country", row.country());
        addIfPresent(group, "checkpoint", row.checkpoint());
        addIfPresent(group, "mode", row.mode());
        addIfPresent(group, "person_ref", row.personRef());
        addIfPresent(group, "nationality", row.nationality());
        addIfPresent(group, "gender", row.gender());
        if (row.yearOfBirth() != null) {
            group.add("year_of_birth", row.yearOfBirth().intValue());
        }
        addIfPresent(group, "movement", row.movement());
        return group;
    }

    private static void addIfPresent(Group group, String field, String value) {
        if (value != null) {
            group.add(field, value);
        }
    }
}
