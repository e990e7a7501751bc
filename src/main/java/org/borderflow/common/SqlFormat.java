package org.borderflow.common;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Spark SQL's text of a value, for figures computed on the driver that published tables have always written with
 * a SQL function: the same text, so the rows stay the same.
 */
public final class SqlFormat {

  private SqlFormat() {}

  /** As {@code format_number(value, decimals)}: grouped thousands, US symbols, rounded half even. */
  public static String formatNumber(Number value, int decimals) {
    DecimalFormat format = new DecimalFormat("", new DecimalFormatSymbols(Locale.US));
    format.applyLocalizedPattern("#,###,###,###,###,###,##0" + (decimals > 0 ? "." + "0".repeat(decimals) : ""));
    return value instanceof Long l ? format.format(l.longValue()) : format.format(value.doubleValue());
  }
}
