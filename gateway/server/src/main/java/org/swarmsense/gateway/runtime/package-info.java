/** A running gateway node: the parts {@code serve} and {@code demo} start, composed once. */
package org.swarmsense.gateway.runtime;
