vcl 4.1;

import std;

# Front cache for the Evoke Wellness site (Varnish 7).
# Anonymous GETs are cached; editors (a session cookie), the admin, previews,
# form posts and anything Django marks private or no-cache pass through.
# Pages are cached per site (Host) and address, as the application answers.
# The application (core/frontend_cache.py) sends, with the site's Host:
#   PURGE <path>  drops that address with any query string (every page of a
#                 list, campaign-tagged copies);
#   BAN <path>    drops that address and everything under it (a section; "/"
#                 for the whole site, when site settings or menus change).
# The backend host and port are replaced by the benchmark and tests;
# docker-compose uses web:8000.

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # Sick (misses answered 503 at once, hits served in grace) only after 4
    # of the last 5 checks failed: a healthy origin busy rendering after a
    # publish can be slow to answer one, and was marked sick by a stricter probe.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
    }
}

# Only the application may purge. Docker networks use private ranges.
acl purgers {
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    # The site asked for, as the application tells sites apart: "Evoke.org:443"
    # and "evoke.org" are one site. Wagtail purges with the site's hostname and
    # its port only when that is not 80 or 443. (Also in vcl_backend_response.)
    set req.http.X-Site-Host = regsub(std.tolower(req.http.Host), ":[0-9]+$", "");
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Bans rather than a purge of one hash: a hash includes the query
        # string, and the application cannot know every ?page=N or campaign tag
        # visitors used. Bans that test only obj.* are retired by the ban
        # lurker in the background. Values are not quoted (a ban would compare
        # the quotes too): hosts and paths hold no spaces, and page paths are
        # slugs, so nothing in a BAN's path is special to the regular expression.
        if (req.method == "PURGE") {
            set req.http.X-Ban = "obj.http.x-path == ";
        } else {
            set req.http.X-Ban = "obj.http.x-path ~ ^";
        }
        if (std.ban("obj.http.x-host == " + req.http.X-Site-Host + " && "
                + req.http.X-Ban + regsub(req.url, "[?#].*$", ""))) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in editor sees drafts, the user bar and previews: never cached.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous pages do not depend on cookies (the CSRF cookie included).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # The application keys pages on the Wagtail site, found from the Host: two
    # sites behind one Varnish must not answer with each other's pages.
    hash_data(req.http.X-Site-Host);
    unset req.http.X-Site-Host;
    # Campaign tags (utm_*, gclid, fbclid, msclkid) do not change the page, so
    # an ad campaign's visitors share the copy cached without them (and a purge
    # of the page reaches them all). The browser keeps the full address, so the
    # page's script still records the campaign with an inquiry.
    set req.http.X-Page-Url = regsuball(req.url,
        "(?<=[?&])(utm_[a-z]+|gclid|fbclid|msclkid)=[^&]*(&|$)", "");
    hash_data(regsub(req.http.X-Page-Url, "[?&]$", ""));
    unset req.http.X-Page-Url;
    return (lookup);
}

sub vcl_backend_response {
    # What PURGE and BAN match, kept on the object (stripped in vcl_deliver).
    set beresp.http.x-host = regsub(std.tolower(bereq.http.Host), ":[0-9]+$", "");
    set beresp.http.x-path = regsub(bereq.url, "[?#].*$", "");
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Phones on slow connections: HTML leaves the cache compressed.
    if (beresp.http.Content-Type ~ "^text/(html|xml)|json|javascript|css") {
        set beresp.do_gzip = true;
    }
    if (bereq.url ~ "^/static/") {
        set beresp.ttl = 7d;
    } else {
        set beresp.ttl = 1h;
    }
    # While the application is down, serve what was last good for up to 6 hours.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
