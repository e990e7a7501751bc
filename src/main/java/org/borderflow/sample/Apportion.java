package org.borderflow.sample;

/**
 * Splits an integer total over cells in proportion to weights (largest-remainder method).
 *
 * <p>This is how a published total is met exactly while the cells keep the shape of the model: each cell gets the
 * floor of its share, and the units left over go to the largest fractional parts, ties to the lower index, so the
 * result depends on nothing but the inputs.
 */
final class Apportion {

    private Apportion() {
    }

    static long[] largestRemainder(double[] weights, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("negative total " + total);
        }
        double sum = 0;
        for (double w : weights) {
            if (w < 0 || Double.isNaN(w)) {
                throw new IllegalArgumentException("invalid weight " + w);
            }
            sum += w;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("all weights are zero");
        }
        long[] shares = new long[weights.length];
        double[] remainders = new double[weights.length];
        long assigned = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = total * (weights[i] / sum);
            shares[i] = (long) Math.floor(exact);
            remainders[i] = exact - shares[i];
            assigned += shares[i];
        }
        for (long left = total - assigned; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < remainders.length; i++) {
                if (best < 0 || remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        return shares;
    }
}
