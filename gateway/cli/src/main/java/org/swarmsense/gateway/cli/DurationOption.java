package org.swarmsense.gateway.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * Reads durations on the command line: {@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}
 * or ISO-8601 ({@code PT30S}). Stateless.
 */
final class DurationOption implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.strip();
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      switch (v.charAt(v.length() - 1)) {
        case 's':
          return Duration.ofSeconds(n);
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        default:
          break;
      }
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      // fall through to the message below
    }
    throw new CommandLine.TypeConversionException(
        "duration must look like 0, 500ms, 30s, 5m, 2h or PT30S, was '" + value + "'");
  }
}
