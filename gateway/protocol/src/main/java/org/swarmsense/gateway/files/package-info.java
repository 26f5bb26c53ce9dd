/**
 * Files the gateway writes for others to read (fleet registries, the demo's data, calibrations, a built
 * broker plugin): {@link org.swarmsense.gateway.files.AtomicWrite} replaces a file whole or not at all.
 */
package org.swarmsense.gateway.files;
