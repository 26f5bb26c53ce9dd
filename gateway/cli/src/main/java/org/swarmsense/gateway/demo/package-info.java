/** {@code swarmsense demo}: the shipped city, the embedded broker, planning and the dashboard in one run. */
package org.swarmsense.gateway.demo;
