package io.hectiqlab.cli;

import picocli.CommandLine.Option;

/** {@code --project} and {@code --run}: which run of the lab a command works on. */
final class RunOptions {
  @Option(
      names = "--project",
      required = true,
      paramLabel = "OWNER/NAME",
      description = "The project.")
  String project;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "NAME",
      description = "The run's name or slug (push creates it when absent).")
  String run;
}
