package dev.touchpoint.channel.gsm;

/** The data coding an SMS body needs. */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet (7-bit septets): 160 per single message, 153 per part. */
    GSM_7,
    /** UCS-2 / UTF-16 (16-bit code units): 70 per single message, 67 per part. */
    UCS_2
}
