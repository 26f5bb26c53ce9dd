/**
 * Mission reports written by us, without external assets: report.json (every metric of I-EPOS and
 * each baseline, per run of the sweep), plans.geojson (routes and hover points per drone), map.svg
 * (per-cell demand vs sensing) and a self-contained report.html showing them together.
 */
package org.swarmsense.epos.sensing.report;
