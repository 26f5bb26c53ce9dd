package org.swarmsense.edge.offload;

/**
 * When an edge node runs its adversarial-patch defence (issue 20 part 5): per node (so per fleet,
 * since edge nodes belong to one fleet) and per request ({@link FrameTask#defend}).
 */
public enum PatchDefencePolicy {
  /** Never: every frame gets the plain detector, a task's {@code defend} is answered undefended. */
  OFF,
  /** When the task asks ({@link FrameTask#defend}); the default. */
  ON_REQUEST,
  /** Every frame, whatever the task asks. */
  ALWAYS;

  /** Whether a task asking {@code requested} is defended under this policy. */
  public boolean defends(boolean requested) {
    return this == ALWAYS || this == ON_REQUEST && requested;
  }

  /**
   * The policy named {@code text}: {@code off}, {@code on-request} or {@code always} (case-insensitive).
   *
   * @param field names the setting or option in the message
   * @throws IllegalArgumentException naming {@code field} and the value otherwise
   */
  public static PatchDefencePolicy parse(String field, String text) {
    if (text != null) {
      for (PatchDefencePolicy p : values()) {
        if (p.text().equalsIgnoreCase(text.strip())) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException(field + " must be one of off, on-request, always, got: '"
        + (text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
  }

  /** The lower-case name used in settings and options. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
