<?php
/**
 * Content for the WordPress import fixture, made by a real WordPress.
 *
 * Run by scripts/make_wordpress_fixture.sh, which sets up the database and the
 * configuration:
 *
 *   php make_wordpress_fixture.php install
 *   php make_wordpress_fixture.php content EXPORT.xml
 *
 * Everything is created with WordPress's own functions (wp_insert_post,
 * wp_insert_attachment, wp_set_post_terms, update_post_meta, ...), as an
 * editor and the Yoast SEO plugin would leave it, and exported with
 * export_wp(), the function behind Tools → Export. Block-editor posts are
 * stored as the block editor serialises them (block comments around HTML);
 * classic posts as the classic editor stores them (no <p>: blank lines, and
 * the [caption] shortcode around captioned images).
 */

ini_set('display_errors', 'stderr');
error_reporting(E_ALL & ~E_DEPRECATED);

// Debian's wp-config.php picks /etc/wordpress/config-$WORDPRESS_CONFIG.php.
$_SERVER['HTTP_HOST'] = 'old.evoke-waltham.example';
$_SERVER['SERVER_NAME'] = 'old.evoke-waltham.example';
$_SERVER['REQUEST_URI'] = '/';
$step = $argv[1] ?? '';

if ('install' === $step) {
    define('WP_INSTALLING', true);
    // The new-site email: this machine has no mail server, and no one reads it.
    function wp_mail()
    {
        return true;
    }
    require '/usr/share/wordpress/wp-load.php';
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    $result = wp_install(
        'Evoke Wellness at Waltham',
        'admin',
        'admin@old.evoke-waltham.example',
        true,
        '',
        wp_generate_password(24)
    );
    if (is_wp_error($result)) {
        fwrite(STDERR, $result->get_error_message() . "\n");
        exit(1);
    }
    exit(0);
}

if ('content' !== $step || empty($argv[2])) {
    fwrite(STDERR, "usage: php make_wordpress_fixture.php install|content EXPORT.xml\n");
    exit(2);
}
$export_path = $argv[2];

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
require_once ABSPATH . 'wp-admin/includes/export.php';

function fail_on_error($value, $what)
{
    if (is_wp_error($value) || !$value) {
        $message = is_wp_error($value) ? $value->get_error_message() : 'no id';
        fwrite(STDERR, "$what: $message\n");
        exit(1);
    }
    return $value;
}

// As the site's administrator, who may post unfiltered HTML: scripts, iframes
// and inline styles stay in the content, as they do on many real sites.
wp_set_current_user(1);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%postname%/');
update_option('blogdescription', 'Addiction treatment in Waltham, MA');
update_option('uploads_use_yearmonth_folders', 1);
// Keep the export small: WordPress's own smaller copies, only two of them.
update_option('thumbnail_size_w', 150);
update_option('thumbnail_size_h', 150);
update_option('medium_size_w', 300);
update_option('medium_size_h', 300);
update_option('medium_large_size_w', 0);
update_option('large_size_w', 0);
update_option('large_size_h', 0);
add_filter('intermediate_image_sizes_advanced', function ($sizes) {
    return array_intersect_key($sizes, array('thumbnail' => 1, 'medium' => 1));
});
add_filter('big_image_size_threshold', '__return_false');
flush_rewrite_rules();

// The sample content of a new install is not part of the fixture.
foreach (get_posts(array('post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1)) as $sample) {
    wp_delete_post($sample->ID, true);
}

$author = fail_on_error(wp_insert_user(array(
    'user_login' => 'jcarter',
    'user_pass' => wp_generate_password(24),
    'user_email' => 'jamie.carter@old.evoke-waltham.example',
    'display_name' => 'Jamie Carter',
    'first_name' => 'Jamie',
    'last_name' => 'Carter',
    'role' => 'author',
)), 'author');

// Categories: two levels as the new site has them, and one level deeper.
$substances = fail_on_error(wp_create_category('Substances'), 'category');
$opioids = fail_on_error(wp_create_category('Opioids', $substances), 'category');
$fentanyl = fail_on_error(wp_create_category('Fentanyl', $opioids), 'category');
$mental_health = fail_on_error(wp_create_category('Mental health', 0), 'category');
$treatment = fail_on_error(wp_create_category('Treatment', 0), 'category');
wp_update_term($mental_health, 'category', array('description' => 'Anxiety, depression and recovery.'));

// Saved first as a draft, as the editor does, so the guid is the ?p= (or
// ?page_id=) address a draft has; then given its status, keeping its date.
function make_post($fields)
{
    $fields = array_merge(array('post_status' => 'publish', 'post_author' => 1, 'post_content' => ''), $fields);
    $status = $fields['post_status'];
    $fields['post_status'] = 'draft';
    $id = fail_on_error(wp_insert_post($fields, true), 'post ' . $fields['post_title']);
    if ('draft' !== $status) {
        fail_on_error(wp_update_post(array(
            'ID' => $id,
            'post_status' => $status,
            'post_date' => $fields['post_date'],
            'edit_date' => true,
        ), true), 'status of ' . $fields['post_title']);
    }
    return $id;
}

// Posts and pages first (with empty bodies), so their ids can be linked.
$withdrawal = make_post(array(
    'post_title' => 'Understanding Opioid Withdrawal',
    'post_name' => 'understanding-opioid-withdrawal',
    'post_date' => '2024-05-14 09:30:00',
    'post_author' => $author,
    'post_excerpt' => 'What opioid withdrawal feels like, how long it lasts and why medical detox makes it safer.',
));
$detox = make_post(array(
    'post_title' => 'What to Expect in Detox',
    'post_name' => 'what-to-expect-in-detox',
    'post_date' => '2024-04-02 14:00:00',
    'post_author' => $author,
));
$anxiety = make_post(array(
    'post_title' => 'Alcohol and Anxiety',
    'post_name' => 'alcohol-and-anxiety',
    'post_date' => '2023-11-20 08:15:00',
    'post_excerpt' => 'Why a drink that calms you tonight can make tomorrow’s anxiety worse.',
));
$test_strips = make_post(array(
    'post_title' => 'Fentanyl Test Strips',
    'post_name' => 'fentanyl-test-strips',
    'post_date' => '2024-06-03 11:00:00',
    'post_excerpt' => 'How fentanyl test strips work and where to get them in Massachusetts.',
));
$family_faq = make_post(array(
    'post_title' => 'Family Program FAQ',
    'post_name' => 'family-program-faq',
    'post_status' => 'draft',
    'post_date' => '2024-06-20 10:00:00',
));
$holiday = make_post(array(
    'post_title' => 'Staff Holiday Schedule',
    'post_name' => 'staff-holiday-schedule',
    'post_status' => 'private',
    'post_date' => '2024-06-21 10:00:00',
));

$about = make_post(array(
    'post_type' => 'page',
    'post_title' => 'About Us',
    'post_name' => 'about-us',
    'post_date' => '2023-01-10 09:00:00',
    'menu_order' => 1,
));
$team = make_post(array(
    'post_type' => 'page',
    'post_title' => 'Our Team',
    'post_name' => 'our-team',
    'post_parent' => $about,
    'post_date' => '2023-01-10 09:05:00',
));
$leadership = make_post(array(
    'post_type' => 'page',
    'post_title' => 'Leadership',
    'post_name' => 'leadership',
    'post_parent' => $team,
    'post_date' => '2023-01-10 09:10:00',
));
$admissions = make_post(array(
    'post_type' => 'page',
    'post_title' => 'Admissions',
    'post_name' => 'admissions',
    'post_date' => '2023-01-11 09:00:00',
    'menu_order' => 2,
));
$thanks = make_post(array(
    'post_type' => 'page',
    'post_title' => 'Thank You',
    'post_name' => 'thank-you',
    'post_date' => '2023-01-11 09:30:00',
));

// A picture drawn with GD (no download), uploaded as the media library does.
function make_attachment($filename, $date, $title, $alt, $caption, $parent, $colours)
{
    $image = imagecreatetruecolor(640, 400);
    for ($y = 0; $y < 400; $y++) {
        $mix = $y / 400;
        $colour = imagecolorallocate(
            $image,
            (int) ($colours[0][0] * (1 - $mix) + $colours[1][0] * $mix),
            (int) ($colours[0][1] * (1 - $mix) + $colours[1][1] * $mix),
            (int) ($colours[0][2] * (1 - $mix) + $colours[1][2] * $mix)
        );
        imageline($image, 0, $y, 639, $y, $colour);
    }
    $ring = imagecolorallocate($image, 255, 255, 255);
    imageellipse($image, 320, 200, 220, 220, $ring);
    ob_start();
    imagejpeg($image, null, 70);
    $bits = ob_get_clean();
    $upload = wp_upload_bits($filename, null, $bits, substr($date, 0, 4) . '/' . substr($date, 5, 2));
    if (!empty($upload['error'])) {
        fwrite(STDERR, "upload $filename: {$upload['error']}\n");
        exit(1);
    }
    $id = fail_on_error(wp_insert_attachment(array(
        'post_mime_type' => 'image/jpeg',
        'post_title' => $title,
        'post_excerpt' => $caption,
        'post_content' => '',
        'post_status' => 'inherit',
        'post_date' => $date,
        'guid' => $upload['url'],
    ), $upload['file'], $parent, true), "attachment $filename");
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    if ('' !== $alt) {
        update_post_meta($id, '_wp_attachment_image_alt', $alt);
    }
    return $id;
}

$calm_room = make_attachment('calm-room.jpg', '2024-05-14 09:00:00', 'Calm room', 'A quiet room with two armchairs and a window', 'Every detox suite is private.', $withdrawal, array(array(120, 150, 190), array(40, 60, 90)));
$nurse = make_attachment('nurse-station.jpg', '2024-04-02 13:00:00', 'Nurse station', 'A nurse at the admissions desk', 'A nurse is on the unit around the clock.', $detox, array(array(200, 170, 140), array(90, 110, 150)));
$garden = make_attachment('garden-path.jpg', '2023-11-20 08:00:00', 'garden-path', '', '', $anxiety, array(array(90, 150, 110), array(30, 60, 40)));
$team_photo = make_attachment('team-photo.jpg', '2023-01-10 09:00:00', 'Our clinical team', 'Six members of the clinical team standing in the courtyard', '', $team, array(array(180, 120, 90), array(60, 40, 30)));

// A PDF, as an admissions team uploads a checklist: the smallest valid PDF
// with one line of text, written here rather than downloaded.
$pdf_text = 'BT /F1 18 Tf 72 720 Td (Admission checklist) Tj ET';
$pdf_objects = array(
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length ' . strlen($pdf_text) . " >>\nstream\n" . $pdf_text . "\nendstream",
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
);
$pdf = "%PDF-1.4\n";
$offsets = array();
foreach ($pdf_objects as $number => $object) {
    $offsets[] = strlen($pdf);
    $pdf .= ($number + 1) . " 0 obj\n" . $object . "\nendobj\n";
}
$xref = strlen($pdf);
$pdf .= "xref\n0 " . (count($pdf_objects) + 1) . "\n0000000000 65535 f \n";
foreach ($offsets as $offset) {
    $pdf .= sprintf("%010d 00000 n \n", $offset);
}
$pdf .= "trailer\n<< /Size " . (count($pdf_objects) + 1) . " /Root 1 0 R >>\nstartxref\n$xref\n%%EOF\n";
$pdf_upload = wp_upload_bits('admission-checklist.pdf', null, $pdf, '2024/04');
$checklist = fail_on_error(wp_insert_attachment(array(
    'post_mime_type' => 'application/pdf',
    'post_title' => 'Admission checklist',
    'post_content' => '',
    'post_status' => 'inherit',
    'post_date' => '2024-04-02 13:30:00',
    'guid' => $pdf_upload['url'],
), $pdf_upload['file'], $detox, true), 'attachment admission-checklist.pdf');
wp_update_attachment_metadata($checklist, wp_generate_attachment_metadata($checklist, $pdf_upload['file']));
$checklist_url = wp_get_attachment_url($checklist);

set_post_thumbnail($withdrawal, $calm_room);
set_post_thumbnail($detox, $nurse);
set_post_thumbnail($anxiety, $garden);

$base = home_url();
$calm_room_url = wp_get_attachment_url($calm_room);
$nurse_medium = wp_get_attachment_image_src($nurse, 'medium');
$team_url = wp_get_attachment_url($team_photo);
$detox_link = get_permalink($detox);
$about_link = get_permalink($about);

// A reusable block, as the block editor stores one (post type wp_block).
$reusable = make_post(array(
    'post_type' => 'wp_block',
    'post_title' => 'Insurance note',
    'post_name' => 'insurance-note',
    'post_date' => '2024-05-01 12:00:00',
    'post_content' => "<!-- wp:paragraph -->\n<p>Most insurance plans cover detox. Call (866) 276-1920 and we will check yours for free.</p>\n<!-- /wp:paragraph -->",
));

// Block editor: as it serialises headings, lists, an image with its caption,
// a quote, a table, a shortcode, an embed, custom HTML and a plugin's block.
wp_update_post(array('ID' => $withdrawal, 'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>Opioid withdrawal is uncomfortable but rarely dangerous when it is <strong>medically supervised</strong>. If you are new to this, read <a href="{$detox_link}">what to expect in detox</a> first.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 id="symptoms">Common symptoms</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Muscle aches and chills</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Anxiety and <em>restlessness</em></li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Trouble sleeping</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:image {"id":{$calm_room},"sizeSlug":"full","linkDestination":"none"} -->
<figure class="wp-block-image size-full"><img src="{$calm_room_url}" alt="A quiet room with two armchairs" class="wp-image-{$calm_room}"/><figcaption class="wp-element-caption">Every detox suite is private.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:heading {"level":3} -->
<h3>How long it lasts</h3>
<!-- /wp:heading -->

<!-- wp:paragraph {"style":{"color":{"text":"#cf2e2e"}}} -->
<p class="has-text-color" style="color:#cf2e2e">For short-acting opioids, symptoms peak in two or three days and ease within a week.</p>
<!-- /wp:paragraph -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Day</th><th>What to expect</th></tr></thead><tbody><tr><td>1–2</td><td>Aches, anxiety, a runny nose</td></tr><tr><td>3–5</td><td>The worst of it: cramps and sleeplessness</td></tr></tbody></table></figure>
<!-- /wp:table -->

<!-- wp:list {"ordered":true} -->
<ol><!-- wp:list-item -->
<li>Call admissions</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Check your insurance</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>The first three days were the hardest. After that I could sleep again.</p>
<!-- /wp:paragraph --><cite>A former patient</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:block {"ref":{$reusable}} /-->

<!-- wp:shortcode -->
[contact-form-7 id="45" title="Admissions form"]
<!-- /wp:shortcode -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abc123XYZ00","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=abc123XYZ00
</div></figure>
<!-- /wp:embed -->

<!-- wp:html -->
<div class="promo" style="background:#ffeb3b">Questions? Ask us.</div>
<script>document.write('tracking pixel');</script>
<iframe src="https://www.google.com/maps/embed?pb=waltham" width="600" height="450"></iframe>
<!-- /wp:html -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:acme/call-box {"tone":"urgent"} -->
<div class="wp-block-acme-call-box"><p>Admissions answers day and night: call 866.276.1920.</p></div>
<!-- /wp:acme/call-box -->

<!-- wp:paragraph -->
<p>Call us at <a href="tel:+18662761920">(866) 276-1920</a> any time, or write to our office on 617-555-0100.</p>
<!-- /wp:paragraph -->
HTML));

// Classic editor: no <p> (WordPress adds them when showing the post), the
// [caption] shortcode, a gallery, a bare video address, inline styles.
wp_update_post(array('ID' => $detox, 'post_content' => <<<HTML
Detox is the first step. Our team is with you day and night, and nobody judges you for being here.

<h2>Your first day</h2>
When you arrive, a nurse checks your health and <b>asks about</b> what you have been using and when.

[caption id="attachment_{$nurse}" align="aligncenter" width="{$nurse_medium[1]}"]<img class="size-medium wp-image-{$nurse}" src="{$nurse_medium[0]}" alt="A nurse at the admissions desk" width="{$nurse_medium[1]}" height="{$nurse_medium[2]}" /> A nurse is on the unit around the clock.[/caption]
<h3>What to bring</h3>
<ul>
 	<li>Comfortable clothes for a week</li>
 	<li>A list of the medicines you take</li>
</ul>
<blockquote>Nobody judged me. They just helped me get through it.</blockquote>
<span style="color: #ff0000;">Bring a photo ID and your insurance card.</span> Print the <a href="{$checklist_url}">admission checklist (PDF)</a>.
Line one of an address
Line two of an address

Read about <a href="{$base}/?p={$withdrawal}">opioid withdrawal</a> and <a href="/about-us/">who we are</a>, or call 866-276-1920.

[gallery ids="{$calm_room},{$nurse}"]

https://www.youtube.com/watch?v=def456UVW11

<iframe src="https://www.google.com/maps/embed?pb=waltham" width="600" height="450"></iframe>
<script>console.log('tracking');</script>
HTML));

wp_update_post(array('ID' => $anxiety, 'post_content' => <<<HTML
Many people drink to calm their nerves. Alcohol does slow the brain down for a while, but as it wears off the brain rebounds, and anxiety comes back stronger.

<h2>The rebound</h2>
<ol>
 	<li>You drink to relax.</li>
 	<li>The next morning you feel <em>more</em> on edge.</li>
 	<li>You drink again to feel normal.</li>
</ol>
Breaking the cycle is easier with help. See <a href="{$detox_link}">what detox is like</a>.
HTML));

wp_update_post(array('ID' => $test_strips, 'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>Fentanyl test strips show whether a drug contains fentanyl. They save lives.</p>
<!-- /wp:paragraph -->

<!-- wp:heading {"level":4} -->
<h4>Where to get them</h4>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Many pharmacies and harm-reduction programs hand them out for free.</p>
<!-- /wp:paragraph -->
HTML));

wp_update_post(array('ID' => $family_faq, 'post_content' => "<!-- wp:paragraph -->\n<p>Answers for families, still being written.</p>\n<!-- /wp:paragraph -->"));
wp_update_post(array('ID' => $holiday, 'post_content' => "<!-- wp:paragraph -->\n<p>The office closes early on the 24th.</p>\n<!-- /wp:paragraph -->"));

wp_update_post(array('ID' => $about, 'post_content' => <<<HTML
<!-- wp:paragraph -->
<p>Evoke Wellness at Waltham has helped people recover from addiction since 2015.</p>
<!-- /wp:paragraph -->

<!-- wp:columns -->
<div class="wp-block-columns"><!-- wp:column -->
<div class="wp-block-column"><!-- wp:heading -->
<h2>Our mission</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Care that treats the whole person.</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column -->

<!-- wp:column -->
<div class="wp-block-column"><!-- wp:heading -->
<h2>Our values</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Dignity, honesty and hope. Meet <a href="{$base}/?page_id={$team}">our team</a>.</p>
<!-- /wp:paragraph --></div>
<!-- /wp:column --></div>
<!-- /wp:columns -->
HTML));

wp_update_post(array('ID' => $team, 'post_content' => <<<HTML
Our clinicians, nurses and counselors work as one team.

<img class="alignnone size-full wp-image-{$team_photo}" src="{$team_url}" alt="" width="640" height="400" />

Read about our <a href="{$base}/about-us/our-team/leadership/">leadership</a>.
HTML));

wp_update_post(array('ID' => $leadership, 'post_content' => "<!-- wp:paragraph -->\n<p>Our medical director leads a team of licensed clinicians.</p>\n<!-- /wp:paragraph -->"));

wp_update_post(array('ID' => $admissions, 'post_content' => <<<HTML
<!-- wp:heading -->
<h2>Start today</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Call <strong>866-276-1920</strong>. Admissions answers 24 hours a day. Learn <a href="{$about_link}">about us</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:group {"layout":{"type":"constrained"}} -->
<div class="wp-block-group"><!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Free insurance check</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Travel help</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list --></div>
<!-- /wp:group -->
HTML));

wp_update_post(array('ID' => $thanks, 'post_content' => "<!-- wp:paragraph -->\n<p>Thank you. Admissions will call you back soon.</p>\n<!-- /wp:paragraph -->"));

wp_set_post_terms($withdrawal, array($opioids), 'category');
wp_set_post_terms($withdrawal, array('withdrawal', 'detox'), 'post_tag');
wp_set_post_terms($detox, array($treatment), 'category');
wp_set_post_terms($detox, array('detox'), 'post_tag');
wp_set_post_terms($anxiety, array($mental_health), 'category');
wp_set_post_terms($anxiety, array('alcohol', 'anxiety'), 'post_tag');
wp_set_post_terms($test_strips, array($fentanyl), 'category');
wp_set_post_terms($test_strips, array('harm reduction'), 'post_tag');
wp_set_post_terms($family_faq, array($treatment), 'category');

// Yoast SEO keeps its fields as post meta; its replacement variables included.
update_post_meta($withdrawal, '_yoast_wpseo_title', 'Opioid Withdrawal: Symptoms and Timeline %%sep%% %%sitename%%');
update_post_meta($withdrawal, '_yoast_wpseo_metadesc', 'Opioid withdrawal symptoms, how long they last and how medical detox at Evoke Wellness keeps you safe.');
update_post_meta($withdrawal, '_yoast_wpseo_focuskw', 'opioid withdrawal');
update_post_meta($detox, '_yoast_wpseo_metadesc', 'What happens on your first day of detox, and what to bring.');
update_post_meta($anxiety, '_yoast_wpseo_canonical', 'https://www.example.org/alcohol-and-anxiety-original/');
update_post_meta($thanks, '_yoast_wpseo_meta-robots-noindex', '1');
update_post_meta($thanks, '_yoast_wpseo_title', '%%title%% %%page%% %%sep%% %%sitename%%');
update_post_meta($about, '_wp_page_template', 'default');

ob_start();
export_wp(array('content' => 'all'));
$xml = ob_get_clean();
if (false === file_put_contents($export_path, $xml)) {
    fwrite(STDERR, "could not write $export_path\n");
    exit(1);
}
