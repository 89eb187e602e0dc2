package dev.brook.adapters.flink.types;

import dev.brook.core.domain.aggregation.MetricStats;
import dev.brook.core.domain.aggregation.StatusCounts;
import dev.brook.core.domain.aggregation.TimeWindow;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Metric;
import dev.brook.core.domain.model.SourceId;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/** One window result; metrics in {@link Metric} declaration order. */
public final class WindowAggregateSerializer extends ImmutableValueSerializer<WindowAggregate> {

    public static final WindowAggregateSerializer INSTANCE = new WindowAggregateSerializer();
    private static final Metric[] METRICS = Metric.all();

    @Override
    public void serialize(WindowAggregate a, DataOutputView out) throws IOException {
        StringValue.writeString(a.sourceId().value(), out);
        out.writeLong(a.window().startMillis());
        out.writeLong(a.window().endMillis());
        StringValue.writeString(a.customerId(), out);
        StringValue.writeString(a.siteId(), out);
        StringValue.writeString(a.eventType(), out);
        out.writeLong(a.eventCount());
        for (Metric metric : METRICS) {
            MetricStats stats = a.stats(metric);
            out.writeDouble(stats.min());
            out.writeDouble(stats.max());
            out.writeDouble(stats.sum());
        }
        StatusCounts status = a.statusCounts();
        out.writeLong(status.online());
        out.writeLong(status.offline());
        out.writeLong(status.maintenance());
        out.writeLong(status.error());
        out.writeLong(a.motionCount());
        out.writeLong(a.firstEventTimeMillis());
        out.writeLong(a.lastEventTimeMillis());
    }

    @Override
    public WindowAggregate deserialize(DataInputView in) throws IOException {
        SourceId source = new SourceId(StringValue.readString(in));
        TimeWindow window = new TimeWindow(in.readLong(), in.readLong());
        String customer = StringValue.readString(in);
        String site = StringValue.readString(in);
        String type = StringValue.readString(in);
        long count = in.readLong();
        Map<Metric, MetricStats> metrics = new EnumMap<>(Metric.class);
        for (Metric metric : METRICS) {
            metrics.put(metric, new MetricStats(in.readDouble(), in.readDouble(), in.readDouble()));
        }
        StatusCounts status = new StatusCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        return new WindowAggregate(source, window, customer, site, type, count, metrics, status,
                in.readLong(), in.readLong(), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<WindowAggregate> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from checkpoints; public no-argument constructor as Flink requires. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowAggregate> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
