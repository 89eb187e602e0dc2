package dev.brook.app.local;

import dev.brook.app.local.cli.RunCommand;
import dev.brook.app.local.cli.SqlCommand;
import dev.brook.app.local.run.LocalRun;
import dev.brook.app.local.run.StopSignal;
import dev.brook.app.local.settings.RunSettings;
import dev.brook.app.local.wiring.ContainerInfra;
import dev.brook.app.local.wiring.DataLayout;
import dev.brook.app.local.wiring.Lifecycle;
import dev.brook.app.local.wiring.LocalAppComponent;
import dev.brook.app.local.wiring.StoreLocation;

import java.nio.file.Path;

/** What the commands hand their validated settings to: the real pipeline, or a fake in tests. */
public record AppRunners(RunCommand.Runner run, SqlCommand.Runner sql) {

    /** Where Log4j writes (log4j2.xml reads it); set before the first logger exists. */
    static final String LOG_DIR_PROPERTY = "brook.log.dir";

    public AppRunners {
        if (run == null || sql == null) {
            throw new IllegalArgumentException("both runners are required");
        }
    }

    /** The real thing: embedded (or external) infrastructure wired by the app's Dagger component. */
    public static AppRunners production() {
        return new AppRunners(AppRunners::runPipeline, (target, sql) -> {
            logInto(target.dataDir());
            try (Lifecycle lifecycle = new Lifecycle()) {
                return LocalAppComponent.create(StoreLocation.of(target.dataDir(), target.server()), lifecycle)
                        .readOnlySql().query(sql);
            }
        });
    }

    private static int runPipeline(RunSettings settings) throws Exception {
        logInto(settings.dataDir());
        StopSignal stop = StopSignal.installed(System.out);
        try (Lifecycle lifecycle = new Lifecycle()) {
            RunSettings resolved = ContainerInfra.start(settings, lifecycle);
            LocalAppComponent app = LocalAppComponent.create(
                    StoreLocation.of(resolved.dataDir(), resolved.infra().clickHouse()), lifecycle);
            return new LocalRun(resolved, app, app.pipeline().create(resolved), lifecycle, stop, System.out).execute();
        }
    }

    private static void logInto(Path dataDir) {
        if (System.getProperty(LOG_DIR_PROPERTY) == null) {
            System.setProperty(LOG_DIR_PROPERTY, new DataLayout(dataDir).logs().toString());
        }
    }
}
