/** The short soak run (delivery counts only; the full run is {@code swarmsense bench soak}). */
package org.swarmsense.fieldtests.load;
