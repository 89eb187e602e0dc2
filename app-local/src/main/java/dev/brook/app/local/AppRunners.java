package dev.brook.app.local;

import dev.brook.app.local.cli.RunCommand;
import dev.brook.app.local.cli.SqlCommand;

/** What the commands hand their validated settings to: the real pipeline, or a fake in tests. */
public record AppRunners(RunCommand.Runner run, SqlCommand.Runner sql) {

    public AppRunners {
        if (run == null || sql == null) {
            throw new IllegalArgumentException("both runners are required");
        }
    }

    /** The real thing: embedded (or external) infrastructure wired by the app's Dagger component. */
    public static AppRunners production() {
        return new AppRunners(
                settings -> {
                    throw new UnsupportedOperationException("run is not wired to the adapters yet");
                },
                (target, sql) -> {
                    throw new UnsupportedOperationException("sql is not wired to the adapters yet");
                });
    }
}
