package org.borderflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code daily_counts/ru_fsb}: an origin-side source. Russia's border service (FSB) publishes its citizens'
 * departures by destination each quarter; for the third quarter of 2022 the figures quoted with the sample's
 * event are about 1.3 million to Kazakhstan, 461,000 to Georgia and 430,000 to Finland. Each quarter total is met
 * exactly and spread over its days in the shape of the destination's own Russian entries in the sample (1 August
 * - 30 September; July, before the sample's data, at the mean of the first two weeks of August), so the mirror
 * statistics compare like with like day by day.
 */
final class RussianDeparturesGenerator {

    static final String SOURCE = "ru_fsb";
    static final LocalDate FIRST_DAY = LocalDate.of(2022, 7, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2022, 9, 30);
    /** Published some days after the quarter. */
    static final LocalDate INGEST = LocalDate.of(2022, 10, 10);
    /** Third quarter 2022, departures of Russian citizens by destination, as quoted (see sample-data/README.md). */
    static final Map<String, Long> Q3_2022 = new LinkedHashMap<>();

    static {
        Q3_2022.put("FI", 430_000L);
        Q3_2022.put("GE", 461_000L);
        Q3_2022.put("KZ", 1_300_000L);
    }

    private RussianDeparturesGenerator() {
    }

    /**
     * @param entriesByDestination each destination's 2022 rows, whose Russian entries give the days' shape
     */
    static List<OriginCount> rows(Map<String, List<DailyCount>> entriesByDestination) {
        int days = (int) (LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
        List<OriginCount> rows = new ArrayList<>();
        for (Map.Entry<String, Long> total : Q3_2022.entrySet()) {
            double[] shape = new double[days];
            for (DailyCount r : entriesByDestination.get(total.getKey())) {
                int d = (int) (r.date().toEpochDay() - FIRST_DAY.toEpochDay());
                if (r.citizenship().equals("RU") && r.direction() == Direction.ENTRY && d >= 0 && d < days) {
                    shape[d] += r.crossings();
                }
            }
            int august = (int) (LocalDate.of(2022, 8, 1).toEpochDay() - FIRST_DAY.toEpochDay());
            double early = 0;
            for (int d = august; d < august + 14; d++) {
                early += shape[d] / 14;
            }
            for (int d = 0; d < august; d++) {
                shape[d] = early;
            }
            long[] departures = Apportion.largestRemainder(shape, total.getValue());
            for (int d = 0; d < days; d++) {
                rows.add(new OriginCount(DailyCount.countryWide(FIRST_DAY.plusDays(d), "RU", "RU", Direction.EXIT,
                        departures[d]), total.getKey()));
            }
        }
        return rows;
    }
}
