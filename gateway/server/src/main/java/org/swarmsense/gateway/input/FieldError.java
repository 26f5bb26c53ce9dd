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

  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
