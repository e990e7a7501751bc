package org.borderflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Kazakhstan's Ministry of Internal Affairs daily summaries: Russian citizens entering Kazakhstan, all crossing points.
 *
 * <p>Kazakhstan published entries only, so this source has no EXIT rows at all: it is the case the pipeline must
 * handle by imputing exits ({@code method = 'imputed_exits'}), and the sample has to exercise it.
 *
 * <p>A week after the main delivery, a correction restates three October days ({@link #correction}): the later file
 * wins and the rows it replaces count as duplicates. The 21-27 September total is not touched.
 */
final class KazakhstanCountsGenerator {

    static final String SOURCE = "kz_mvd";
    static final String COUNTRY = "KZ";
    static final String RU = "RU";
    /** Reported in the week after the mobilisation order: about 98,000 Russians entered from 21 to 27 September. */
    static final long MOBILISATION_WEEK_ENTRIES = 98_000;

    /** The correction: delivered on 7 November, restating ENTRY for 10-12 October by these amounts. */
    static final LocalDate CORRECTION_INGEST = LocalDate.of(2022, 11, 7);
    static final LocalDate CORRECTED_FROM = LocalDate.of(2022, 10, 10);
    static final long[] CORRECTION_DELTAS = {150, -80, 60};

    private final SplittableRandom random = new SplittableRandom(0x4b5a4d5644L); // "KZMVD"

    List<DailyCount> generate() {
        int surgeStart = SampleCalendar.dayIndex(9, 21);
        int surgeEnd = SampleCalendar.dayIndex(9, 27);
        double[] model = new double[SampleCalendar.DAYS];
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            model[d] = level(d, surgeStart, surgeEnd);
        }
        long[] entries = new long[SampleCalendar.DAYS];
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            entries[d] = Math.round(model[d]);
        }
        double[] surgeWeights = new double[surgeEnd - surgeStart + 1];
        System.arraycopy(model, surgeStart, surgeWeights, 0, surgeWeights.length);
        long[] surge = Apportion.largestRemainder(surgeWeights, MOBILISATION_WEEK_ENTRIES);
        System.arraycopy(surge, 0, entries, surgeStart, surge.length);
        verify(entries, surgeStart, surgeEnd);

        List<DailyCount> rows = new ArrayList<>();
        for (int d = 0; d < SampleCalendar.DAYS; d++) {
            rows.add(DailyCount.countryWide(SampleCalendar.date(d), COUNTRY, RU, Direction.ENTRY, entries[d]));
        }
        return rows;
    }

    /** The rows of {@code original} for the corrected days, restated; nothing else. */
    static List<DailyCount> correction(List<DailyCount> original) {
        List<DailyCount> rows = new ArrayList<>();
        for (DailyCount row : original) {
            int offset = (int) (row.date().toEpochDay() - CORRECTED_FROM.toEpochDay());
            if (offset >= 0 && offset < CORRECTION_DELTAS.length) {
                rows.add(DailyCount.countryWide(row.date(), row.reportingCountry(), row.citizenship(), row.direction(),
                        row.crossings() + CORRECTION_DELTAS[offset]));
            }
        }
        if (rows.size() != CORRECTION_DELTAS.length) {
            throw new IllegalStateException("KZ correction restates " + rows.size() + " rows");
        }
        return rows;
    }

    /** 8,000-9,000 a day in summer, a week-long rush peaking around 26-27 September, then a slow return to normal. */
    private double level(int d, int surgeStart, int surgeEnd) {
        if (d < surgeStart) {
            // Clamped so that the noise never leaves the published summer range.
            return Math.max(8_050, Math.min(8_950, 8_500 * SampleCalendar.jitter(random, 0.045)));
        }
        if (d <= surgeEnd) {
            double[] rush = {9_300, 10_800, 12_600, 14_200, 15_700, 17_400, 18_000};
            return rush[d - surgeStart] * SampleCalendar.jitter(random, 0.02);
        }
        double afterPeak = d - surgeEnd;
        double trend = 6_600 + 9_400 * Math.exp(-afterPeak / 4.5);
        double value = trend * SampleCalendar.jitter(random, 0.05);
        return d >= SampleCalendar.dayIndex(10, 8) ? Math.max(6_050, Math.min(7_950, value)) : value;
    }

    private static void verify(long[] entries, int surgeStart, int surgeEnd) {
        long surge = 0;
        for (int d = surgeStart; d <= surgeEnd; d++) {
            surge += entries[d];
        }
        if (surge != MOBILISATION_WEEK_ENTRIES) {
            throw new IllegalStateException("KZ sample misses its calibration: 21-27 Sep entries " + surge);
        }
    }
}
