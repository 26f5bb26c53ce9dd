/**
 * The epos-planner module's entry level: its typed settings ({@link
 * org.swarmsense.epos.EposSettings}, from {@code reference.conf}) and the reader of the reference
 * EPOS {@code epos.properties} files ({@link org.swarmsense.epos.EposProperties}). The algorithm
 * is in {@code org.swarmsense.epos.core}.
 */
package org.swarmsense.epos;
