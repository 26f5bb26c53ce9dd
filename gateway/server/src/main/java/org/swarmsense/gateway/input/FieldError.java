package org.swarmsense.gateway.input;

/**
 * Bad input that names the field and the value; {@code http.ApiErrors} returns it as {@code {"error":
 * ..., "field": ..., "value": ...}} with status 400. Libraries may throw plain {@link
 * IllegalArgumentException}s; their message already names the field.
 */
public final class FieldError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  public FieldError(String field, Object value, String problem) {
    super(field + " " + problem + ", was " + (value == null ? "null" : "'" + value + "'"));
    this.field = field;
    this.value = value == null ? null : String.valueOf(value);
  }

  private FieldError(String message, String field, String value, boolean again) {
    super(message);
    this.field = field;
    this.value = value;
  }

  /**
   * The same error made again from its parts, e.g. after it crossed the cluster as text: {@code
   * message} is the whole message as {@link #getMessage()} gave it; {@code value} may be null.
   */
  public static FieldError again(String message, String field, String value) {
    if (message == null || field == null || field.isEmpty()) {
      throw new IllegalArgumentException("a field error needs its message and field");
    }
    return new FieldError(message, field, value, true);
  }

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
