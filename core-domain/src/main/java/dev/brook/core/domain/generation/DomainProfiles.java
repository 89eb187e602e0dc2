package dev.brook.core.domain.generation;

import dev.brook.core.domain.model.Metric;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in domain profiles of the spec ("adaptable for any domain"): IoT telemetry, e-commerce orders,
 * finance payments, gaming, logistics and social. Selected by name.
 */
public final class DomainProfiles {

    public static final String DEFAULT = "iot";
    private static final Map<String, DomainProfile> BY_NAME = new LinkedHashMap<>();

    static {
        register(new DomainProfile("iot", "Sensor telemetry: the fields mean what they say.",
                List.of("temperature_sensor", "humidity_sensor", "pressure_sensor", "co2_sensor", "noise_sensor",
                        "light_sensor", "motion_sensor", "smart_meter", "thermostat", "air_quality_monitor",
                        "water_meter", "gas_detector", "smoke_detector", "door_sensor", "vibration_sensor",
                        "soil_moisture_sensor", "gps_tracker", "camera", "gateway", "wearable"),
                ranges(r(20, 40), r(30, 80), r(980, 1050), r(350, 2000), r(30, 90), r(0, 1000), r(5, 100),
                        r(-110, -40), r(10, 90), r(5, 95), r(0, 5), r(0, 1000), r(0, 1000), r(0, 65_536), r(0, 65_536)),
                List.of(0.90, 0.04, 0.03, 0.03), 0.2));
        register(new DomainProfile("ecommerce",
                "Orders and inventory: temperature = order value, pressure = items in stock, cpu/memory = storefront load.",
                List.of("order_placed", "order_paid", "order_shipped", "order_delivered", "order_cancelled",
                        "order_returned", "cart_created", "cart_updated", "cart_abandoned", "checkout_started",
                        "payment_authorized", "payment_declined", "inventory_reserved", "inventory_released",
                        "inventory_restocked", "price_changed", "coupon_applied", "review_posted", "wishlist_added",
                        "refund_issued"),
                ranges(r(1, 500), r(0, 100), r(0, 10_000), r(0, 50), r(0, 20), r(0, 100), r(50, 100), r(-80, -30),
                        r(20, 85), r(10, 90), r(0, 3), r(0, 200), r(0, 200), r(0, 20_000), r(0, 20_000)),
                List.of(0.95, 0.01, 0.02, 0.02), 0.0));
        register(new DomainProfile("finance",
                "Payments and market data: temperature = amount, humidity = fraud score, noise = latency ms.",
                List.of("payment_initiated", "payment_settled", "payment_failed", "payment_reversed", "card_authorized",
                        "card_declined", "transfer_sent", "transfer_received", "withdrawal", "deposit",
                        "fx_quote", "trade_executed", "trade_cancelled", "order_book_update", "price_tick",
                        "fraud_alert", "chargeback", "account_opened", "account_frozen", "limit_changed"),
                ranges(r(0.01, 10_000), r(0, 100), r(0, 5_000), r(0, 100), r(1, 250), r(0, 10), r(90, 100),
                        r(-70, -30), r(30, 80), r(20, 90), r(0, 2), r(0, 500), r(0, 500), r(0, 50_000), r(0, 50_000)),
                List.of(0.97, 0.005, 0.01, 0.015), 0.0));
        register(new DomainProfile("gaming",
                "Player events: temperature = score delta, humidity = health %, noise = ping ms, light = frame rate.",
                List.of("match_started", "match_ended", "player_joined", "player_left", "level_up", "achievement_unlocked",
                        "item_purchased", "item_equipped", "quest_started", "quest_completed", "player_killed",
                        "player_respawned", "chat_message", "friend_added", "party_formed", "leaderboard_update",
                        "loot_dropped", "currency_earned", "currency_spent", "session_heartbeat"),
                ranges(r(-100, 1_000), r(0, 100), r(0, 100), r(0, 10), r(5, 250), r(20, 240), r(10, 100), r(-90, -30),
                        r(30, 95), r(20, 100), r(0, 10), r(0, 5_000), r(0, 5_000), r(0, 500_000), r(0, 500_000)),
                List.of(0.85, 0.08, 0.02, 0.05), 0.6));
        register(new DomainProfile("logistics",
                "Shipment tracking: temperature = cargo temperature, pressure = load kg, noise = speed km/h.",
                List.of("shipment_created", "shipment_picked_up", "shipment_in_transit", "shipment_at_hub",
                        "shipment_out_for_delivery", "shipment_delivered", "delivery_failed", "shipment_returned",
                        "customs_hold", "customs_cleared", "vehicle_departed", "vehicle_arrived", "vehicle_idle",
                        "route_changed", "temperature_alert", "door_opened", "door_closed", "fuel_refilled",
                        "driver_break", "proof_of_delivery"),
                ranges(r(-25, 30), r(10, 95), r(0, 25_000), r(350, 5_000), r(0, 130), r(0, 2_000), r(10, 100),
                        r(-120, -50), r(10, 80), r(5, 70), r(0, 4), r(0, 300), r(0, 300), r(0, 30_000), r(0, 30_000)),
                List.of(0.88, 0.05, 0.04, 0.03), 0.7));
        register(new DomainProfile("social",
                "User interactions: temperature = engagement score, humidity = share of positive reactions, light = views.",
                List.of("post_created", "post_edited", "post_deleted", "comment_added", "comment_deleted", "like_added",
                        "like_removed", "share", "follow", "unfollow", "message_sent", "message_read", "story_viewed",
                        "video_played", "video_completed", "profile_updated", "login", "logout", "report_filed",
                        "notification_opened"),
                ranges(r(0, 100), r(0, 100), r(0, 1_000), r(0, 100), r(0, 60), r(0, 100_000), r(5, 100), r(-100, -40),
                        r(20, 90), r(5, 95), r(0, 3), r(0, 2_000), r(0, 2_000), r(0, 1_000_000), r(0, 1_000_000)),
                List.of(0.93, 0.04, 0.01, 0.02), 0.3));
    }

    private DomainProfiles() {
    }

    /** The profile with this name; an unknown name is an error that lists the known ones. */
    public static DomainProfile byName(String name) {
        DomainProfile profile = name == null ? null : BY_NAME.get(name.trim().toLowerCase(java.util.Locale.ROOT));
        if (profile == null) {
            throw new IllegalArgumentException("unknown domain profile '" + name + "'; known profiles: "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return profile;
    }

    public static List<DomainProfile> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static void register(DomainProfile profile) {
        BY_NAME.put(profile.name(), profile);
    }

    private static ValueRange r(double min, double max) {
        return new ValueRange(min, max);
    }

    /** Ranges in {@link Metric} declaration order. */
    private static Map<Metric, ValueRange> ranges(ValueRange... inMetricOrder) {
        Metric[] metrics = Metric.all();
        if (inMetricOrder.length != metrics.length) {
            throw new IllegalStateException("expected " + metrics.length + " ranges, got " + inMetricOrder.length);
        }
        Map<Metric, ValueRange> ranges = new EnumMap<>(Metric.class);
        for (int i = 0; i < metrics.length; i++) {
            ranges.put(metrics[i], inMetricOrder[i]);
        }
        return ranges;
    }
}
