package dev.touchpoint.campaign;

/** Where a campaign is. DRAFT until launched; RUNNING waits for its start time before starting anyone. */
public enum CampaignState {
    DRAFT, RUNNING, PAUSED, CANCELLED, COMPLETED;

    public boolean finished() {
        return this == CANCELLED || this == COMPLETED;
    }
}
