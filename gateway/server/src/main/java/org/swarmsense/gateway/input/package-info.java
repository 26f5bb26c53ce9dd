/**
 * Bad input as one exception, {@link org.swarmsense.gateway.input.FieldError}: it names the field
 * and the value, carries no status code, and is thrown by the HTTP layer's own checks and by the
 * mission domain alike; {@code http.ApiErrors} alone turns it into a 400 body with {@code field} and
 * {@code value}.
 */
package org.swarmsense.gateway.input;
