package dev.audience.http.console;

import dev.audience.user.ConsoleUser;
import dev.audience.user.Role;

import java.util.ArrayList;
import java.util.List;

/**
 * What the layout around every page needs: the page's title, which section of the navigation it belongs to, the
 * signed-in user (null on the sign-in page) and the session's CSRF token for forms and htmx.
 * The navigation shows Settings to admins only (the server refuses others there anyway).
 */
public record Chrome(String title, String section, ConsoleUser user, String csrf) {
    public record NavItem(String label, String href, boolean current) {}

    public boolean signedIn() {
        return user != null;
    }

    public boolean canEdit() {
        return user != null && user.role().atLeast(Role.EDITOR);
    }

    public boolean isAdmin() {
        return user != null && user.role() == Role.ADMIN;
    }

    public List<NavItem> nav() {
        List<NavItem> items = new ArrayList<>();
        items.add(new NavItem("Overview", "/console", "overview".equals(section)));
        items.add(new NavItem("Campaigns", "/console/campaigns", "campaigns".equals(section)));
        items.add(new NavItem("Segments", "/console/segments", "segments".equals(section)));
        items.add(new NavItem("Profiles", "/console/profiles", "profiles".equals(section)));
        items.add(new NavItem("Experiments", "/console/experiments", "experiments".equals(section)));
        items.add(new NavItem("Placements", "/console/placements", "placements".equals(section)));
        if (isAdmin()) items.add(new NavItem("Settings", "/console/settings/users", "settings".equals(section)));
        return items;
    }
}
