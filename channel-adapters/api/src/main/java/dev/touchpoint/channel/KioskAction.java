package dev.touchpoint.channel;

/** What a customer can do with a screen on an in-store kiosk; each is reported as a {@link KioskEvent}. */
public enum KioskAction {
    /** Take the offer on the screen ({@link KioskOfferAccepted}); needs a call-to-action label. */
    ACCEPT_OFFER,
    /** Have the screen sent to the customer's phone ({@link KioskSendToPhoneRequested}). */
    SEND_TO_PHONE,
    /** Close the screen ({@link KioskScreenDismissed}). */
    DISMISS,
    /** Answer the survey on the screen with a score ({@link KioskSurveyAnswered}); needs a {@link KioskSurvey}. */
    ANSWER
}
