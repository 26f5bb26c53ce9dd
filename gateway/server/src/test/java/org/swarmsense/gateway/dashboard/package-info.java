/** Browser tests of the dashboard (headless Chromium). */
package org.swarmsense.gateway.dashboard;
