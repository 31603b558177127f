/**
 * The {@code hectiqlab} command line: one picocli command class per sub-command, {@link
 * io.hectiqlab.cli.Main} the entry point of the runnable jar. Not a library API: programs use
 * {@code io.hectiqlab} directly.
 */
package io.hectiqlab.cli;
