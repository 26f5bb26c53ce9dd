/**
 * The HTTP API (Pekko HTTP) and the dashboard: routes, per-fleet bearer tokens, the live state hub
 * behind the event stream, and the one place where failures become JSON error responses.
 */
package org.swarmsense.gateway.http;
