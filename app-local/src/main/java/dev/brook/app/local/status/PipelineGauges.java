package dev.brook.app.local.status;

/** Reads the running pipeline's totals; the status line and the dashboard show them. */
@FunctionalInterface
public interface PipelineGauges {

    PipelineCounters read();
}
