package org.borderflow.quality;

/**
 * When a week's entries or net count as a jump (see {@link QualityChecks#jumps}): the history it is compared with,
 * the robust-score threshold, the floor of the MAD and the smallest change, in crossings, worth a finding.
 */
public record JumpRule(int historyWeeks, int minHistoryWeeks, double threshold, double minMad, double minChange) {}
