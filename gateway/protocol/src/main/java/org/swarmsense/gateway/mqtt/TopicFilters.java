package org.swarmsense.gateway.mqtt;

/** MQTT topic filter matching ({@code +} one level, {@code #} the rest). Stateless, thread-safe. */
public final class TopicFilters {
  private TopicFilters() {}

  /**
   * Whether {@code topic} matches {@code filter}. A shared subscription ({@code $share/group/...})
   * matches by its filter part.
   */
  public static boolean matches(String filter, String topic) {
    String f = filter;
    if (f.startsWith("$share/")) {
      int slash = f.indexOf('/', "$share/".length());
      if (slash < 0) {
        throw new IllegalArgumentException("shared subscription needs a filter, was '" + filter + "'");
      }
      f = f.substring(slash + 1);
    }
    int fi = 0;
    int ti = 0;
    int fl = f.length();
    int tl = topic.length();
    while (fi < fl) {
      int fEnd = f.indexOf('/', fi);
      if (fEnd < 0) {
        fEnd = fl;
      }
      String level = f.substring(fi, fEnd);
      if (level.equals("#")) {
        return true;
      }
      if (ti > tl) {
        return false;
      }
      int tEnd = topic.indexOf('/', ti);
      if (tEnd < 0) {
        tEnd = tl;
      }
      if (!level.equals("+") && !level.regionMatches(0, topic, ti, tEnd - ti)
          || !level.equals("+") && level.length() != tEnd - ti) {
        return false;
      }
      fi = fEnd + 1;
      ti = tEnd + 1;
    }
    return ti > tl;
  }
}
