package dev.brook.adapters.flink.types;

import dev.brook.core.domain.aggregation.WindowAccumulator;
import dev.brook.core.domain.aggregation.WindowAggregate;
import dev.brook.core.domain.model.Event;
import dev.brook.core.domain.port.out.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The type information of every Brook value that crosses an operator boundary or lives in state. */
public final class BrookTypes {

    public static final TypeInformation<Event> EVENT = new SerializerTypeInfo<>(Event.class, EventSerializer.INSTANCE);
    public static final TypeInformation<DecodedMessage> DECODED_MESSAGE =
            new SerializerTypeInfo<>(DecodedMessage.class, DecodedMessageSerializer.INSTANCE);
    public static final TypeInformation<WindowAccumulator> WINDOW_ACCUMULATOR =
            new SerializerTypeInfo<>(WindowAccumulator.class, WindowAccumulatorSerializer.INSTANCE);
    public static final TypeInformation<WindowAggregate> WINDOW_AGGREGATE =
            new SerializerTypeInfo<>(WindowAggregate.class, WindowAggregateSerializer.INSTANCE);
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new SerializerTypeInfo<>(DeadLetter.class, DeadLetterSerializer.INSTANCE);

    private BrookTypes() {
    }
}
