package org.swarmsense.gateway.mqtt;

/** MQTT topic filter matching ({@code +} one level, {@code #} the rest). Stateless, thread-safe. */
public final class TopicFilters {
  private TopicFilters() {}

  /**
   * Whether {@code topic} matches {@code filter}. A shared subscription ({@code $share/group/...})
   * matches by its filter part.
   */
  public static boolean matches(String filter, String topic) {
    // Called for every subscription on every message the link receives: compares in place, no
    // substrings (the allocating version was half of MqttLink's receive cost under load).
    int fi = 0;
    if (filter.startsWith("$share/")) {
      int slash = filter.indexOf('/', "$share/".length());
      if (slash < 0) {
        throw new IllegalArgumentException("shared subscription needs a filter, was '" + filter + "'");
      }
      fi = slash + 1;
    }
    int ti = 0;
    int fl = filter.length();
    int tl = topic.length();
    while (fi < fl) {
      int fEnd = filter.indexOf('/', fi);
      if (fEnd < 0) {
        fEnd = fl;
      }
      int levelLength = fEnd - fi;
      if (levelLength == 1 && filter.charAt(fi) == '#') {
        return true;
      }
      if (ti > tl) {
        return false;
      }
      int tEnd = topic.indexOf('/', ti);
      if (tEnd < 0) {
        tEnd = tl;
      }
      boolean anyLevel = levelLength == 1 && filter.charAt(fi) == '+';
      if (!anyLevel && (levelLength != tEnd - ti || !filter.regionMatches(fi, topic, ti, levelLength))) {
        return false;
      }
      fi = fEnd + 1;
      ti = tEnd + 1;
    }
    return ti > tl;
  }
}
