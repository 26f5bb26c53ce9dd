package org.swarmsense.gateway.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code swarmsense} command line. Subcommands are added by the modules that own the work
 * they do; this class only wires them and maps errors to exit codes in one place.
 */
@Command(
    name = "swarmsense",
    mixinStandardHelpOptions = true,
    versionProvider = SwarmsenseCli.Version.class,
    description = "Multi-agent drone and IoT coordination: decentralized planning, MQTT fleet link.",
    subcommands = {
      DemoCommand.class,
      MissionCommand.class,
      EposCommand.class,
      BenchCommand.class,
      SimulateCommand.class,
      ServeCommand.class,
      EdgeCommand.class,
      TraceCommand.class,
      RenderCommand.class,
      CalibrateDefenceCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SwarmsenseCli implements Callable<Integer> {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Builds the command line with its error handling; used by {@link #main} and by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SwarmsenseCli());
    cli.setExecutionExceptionHandler(SwarmsenseCli::onExecutionError);
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLineFor(args).execute(argumentsFor(args)));
  }

  /**
   * The command line for {@code args}: for {@code swarmsense epos ...} only the epos command is
   * built (named "swarmsense epos"), so a short planning run does not pay for building every other
   * command's model and loading its classes; otherwise the whole tree.
   */
  static CommandLine commandLineFor(String[] args) {
    if (!isEpos(args)) {
      return commandLine();
    }
    CommandLine cli = new CommandLine(new EposCommand()).setCommandName("swarmsense epos");
    cli.setExecutionExceptionHandler(SwarmsenseCli::onExecutionError);
    return cli;
  }

  private static boolean isEpos(String[] args) {
    return args.length > 0 && args[0].equals("epos");
  }

  /** The arguments for {@link #commandLineFor}'s command line (without "epos" for the epos one). */
  static String[] argumentsFor(String[] args) {
    return isEpos(args) ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
  }

  /**
   * Expected failures (bad input) print one clear line and exit 2; anything else prints its
   * stack trace and exits 1.
   */
  private static int onExecutionError(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (e instanceof IllegalArgumentException || e instanceof java.io.UncheckedIOException) {
      err.println(cli.getColorScheme().errorText("error: " + e.getMessage()));
      return 2;
    }
    e.printStackTrace(err);
    return 1;
  }

  /** Version from the jar manifest (set by the build), or "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"swarmsense " + version()};
    }
  }

  static String version() {
    String v = SwarmsenseCli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
