package dev.touchpoint.channel;

/** The channels a touchpoint can be delivered on. Task types and BPMN error codes are derived from these names. */
public enum Channel {
    EMAIL,
    SMS,
    PUSH,
    KIOSK
}
