import { describe, expect, it } from "vitest";
import { notificationKindLabel, notificationsLabel } from "./notifications";

describe("notifications", () => {
  it("names the top bar link with the unread count", () => {
    expect(notificationsLabel(2)).toBe("Notifications, 2 unread");
    expect(notificationsLabel(0)).toBe("Notifications");
    expect(notificationsLabel(undefined)).toBe("Notifications");
  });

  it("labels every kind the server has, and a new one readably", () => {
    for (const kind of ["added_to_incident", "review_requested", "account_released", "mentioned", "action_due", "action_overdue", "review_overdue"]) {
      expect(notificationKindLabel(kind)).toMatch(/^[A-Z]/);
    }
    expect(notificationKindLabel("incident_reopened")).toBe("incident reopened");
  });
});
