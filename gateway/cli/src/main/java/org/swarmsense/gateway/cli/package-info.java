/**
 * The {@code swarmsense} command line (picocli). Each subcommand is a thin shell over a module's
 * library class; errors become exit codes in {@link org.swarmsense.gateway.cli.SwarmsenseCli} only.
 */
package org.swarmsense.gateway.cli;
