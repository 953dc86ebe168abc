vcl 4.1;

# Front cache for the Evoke Wellness site (Varnish 7).
# Anonymous GETs are cached; editors (a session cookie), the admin, previews,
# form posts and anything Django marks private or no-cache pass through.
# Wagtail purges a page's URLs on publish/unpublish/move/delete (PURGE) and the
# whole cache when site settings or menus change (BAN). The backend host and
# port are replaced by the benchmark and tests; docker-compose uses web:8000.

backend default {
    .host = "web";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 3;
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
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-url ~ " + req.http.X-Ban-Url);
        return (synth(200, "Banned"));
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
    # One site: the path identifies the page whatever Host the client used.
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
    set beresp.http.x-url = bereq.url;
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
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
