package dev.brook.core.domain.model;

/** The state a source reports with each event; codes as in the spec (1=online … 4=error). */
public enum EventStatus {
    ONLINE(1), OFFLINE(2), MAINTENANCE(3), ERROR(4);

    private final int code;

    EventStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static EventStatus ofCode(int code) {
        for (EventStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new InvalidEventException("status", code, "must be 1 (online), 2 (offline), 3 (maintenance) or 4 (error)");
    }
}
