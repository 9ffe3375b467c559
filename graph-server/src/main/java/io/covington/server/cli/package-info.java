/**
 * The command line: every flag of the server and every check of them ({@link
 * io.covington.server.cli.CovingtonCommand}), the settings they give, and the {@code validate},
 * {@code path} and {@code explain} commands.
 */
package io.covington.server.cli;
