/** Architecture checks over the compiled classes of every module. */
package org.swarmsense.fieldtests.architecture;
