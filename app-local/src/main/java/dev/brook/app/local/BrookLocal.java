package dev.brook.app.local;

import dev.brook.app.local.cli.GenerateCommand;
import dev.brook.app.local.cli.RunCommand;
import dev.brook.app.local.cli.SqlCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Set;

/**
 * {@code java -jar app-local.jar}: the whole Brook pipeline on one machine, with its verification tools.
 * Without a subcommand it runs {@code run}; options given alone belong to {@code run}.
 */
@Command(name = "java -jar app-local.jar", mixinStandardHelpOptions = true, version = "Brook app-local 0.1.0",
        description = {"Brook: producer → Pulsar → Flink → ClickHouse in one JVM, nothing to install.",
                "Without a subcommand: run (see 'run --help')."},
        footer = {"", "Exit codes: 0 done, 1 failed while running, 2 bad arguments (nothing was started)."})
public final class BrookLocal {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    private static final Set<String> ROOT_ONLY = Set.of("-h", "--help", "-V", "--version", "help");

    public static void main(String[] args) {
        // The Pulsar client and OpenTelemetry log through java.util.logging: their INFO lines are not for the terminal.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(execute(args, AppRunners.production()));
    }

    /** Parses and runs; returns the exit code. The runners carry out what needs infrastructure. */
    public static int execute(String[] args, AppRunners runners) {
        return commandLine(runners).execute(withDefaultSubcommand(args));
    }

    static CommandLine commandLine(AppRunners runners) {
        CommandLine cli = new CommandLine(new BrookLocal())
                .addSubcommand(new RunCommand(runners.run()))
                .addSubcommand(new SqlCommand(runners.sql()))
                .addSubcommand(new GenerateCommand());
        cli.setParameterExceptionHandler((error, args) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println("error: " + error.getMessage());
            err.println("(see: java -jar app-local.jar " + subcommandPath(error.getCommandLine()) + "--help)");
            err.flush();
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((error, command, parseResult) -> {
            PrintWriter err = command.getErr();
            err.println("failed: " + describe(error));
            err.flush();
            return EXIT_FAILED;
        });
        return cli;
    }

    /** The message and its causes, each once: what a person needs to act on. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage() != null ? error.getMessage() : error));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    private static String subcommandPath(CommandLine command) {
        return command.getParent() == null ? "" : command.getCommandName() + " ";
    }

    /** {@code run} is the default: no arguments, or options first, mean {@code run ...}. */
    static String[] withDefaultSubcommand(String[] args) {
        if (args.length > 0 && (!args[0].startsWith("-") || ROOT_ONLY.contains(args[0]))) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }
}
