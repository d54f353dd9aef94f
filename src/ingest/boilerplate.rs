//! Site chrome detection: takes candidate blocks, marks the ones that are
//! menus, breadcrumbs, bylines, wiki chrome, promo lines, copyright footers,
//! image credits and trailing reference headings as dropped, with a reason.
//!
//! The rules describe kinds of chrome, not the strings of particular sites,
//! and only ever fire on short lines or on lines in the places chrome lives
//! (the top of a page, its last blocks), so body text is never dropped.

use super::block::Block;
use super::pagebreak::ends_sentence;
use crate::document::DropReason;
use regex::Regex;
use std::sync::LazyLock;

/// How many leading blocks may hold page-header chrome.
const HEADER_ZONE: usize = 8;
/// Longest block (in characters) the header-zone rule may drop.
const HEADER_MAX_CHARS: usize = 80;
/// A block ending a sentence and longer than this (in characters) reads
/// as body text: header chrome is labels and links, not full sentences.
const BODY_MIN_SENTENCE_CHARS: usize = 40;
/// Longest caption or credit line ("图片来源：…", "Photo: …"); a longer
/// line that starts the same way is prose about a picture.
const CAPTION_MAX_CHARS: usize = 60;
/// Longest byline ("By … | Updated …"); beyond it the pattern is
/// more likely a sentence mentioning an author.
const BYLINE_MAX_CHARS: usize = 120;
/// Longest line read as wiki actions, "jump to" links or a navigation
/// phrase: these are a few words each.
const NAV_MAX_CHARS: usize = 60;
/// Wiki actions ("edit", "history") a line needs to be a toolbar: one
/// alone may be a word of the text.
const MIN_WIKI_ACTIONS: usize = 2;
/// Longest promotional line ("Subscribe to our newsletter").
const PROMO_MAX_CHARS: usize = 40;
/// A menu has at least this many `|`-separated items, each at most
/// [`MENU_ITEM_MAX_CHARS`] long (language and section names).
const MENU_MIN_ITEMS: usize = 4;
/// Longest item of a menu, in characters.
const MENU_ITEM_MAX_CHARS: usize = 30;
/// Longest breadcrumb trail, in characters.
const BREADCRUMB_MAX_CHARS: usize = 120;
/// Longest item of a breadcrumb trail, in characters.
const BREADCRUMB_ITEM_MAX_CHARS: usize = 50;

static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:來自|来自)\s*\S.{0,30}?\s*的\s*(?:圖片|图片|照片)
          | (?:圖片|图片|照片)\s*(?:來源|来源|提供)\s*[:：]
          | (?:圖|图|攝|摄)\s*[/／:：]
          | (?:photo|image|picture|credit)s?\s*(?:credit)?\s*(?::|by\b)
        )",
    )
    .expect("valid regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:updated|published|posted|last\s+modified|source|by|date|author|editor
            |来源|來源|作者|编辑|編輯|责任编辑|責任編輯|发布时间|發佈時間|发布日期|發佈日期)\s*[:：]
          | \|\s*by\s*:",
    )
    .expect("valid regex")
});

static WIKI_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)檢視原始碼|檢視歷史|查看源代码|查看历史|編輯|编辑|討論|讨论|view source|view history|\bedit\b|\btalk\b|\bread\b|閱讀|阅读",
    )
    .expect("valid regex")
});

static JUMP_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:前往|跳转到|跳轉到|跳到|jump\s+to)\s*[:：]?\s*(?:導覽|导航|navigation|搜尋|搜索|search)")
        .expect("valid regex")
});

static COPYRIGHT_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:©|\(c\)\s|copyright\b|版權所有|版权所有)").expect("valid regex")
});

static RIGHTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)all rights reserved|版權所有|版权所有").expect("valid regex")
});

static PROMO_WHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bapp\b|APP|客户端|客戶端|二维码|二維碼|公众号|公眾號|newsletter")
        .expect("valid regex")
});
static PROMO_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)尽在|盡在|下载|下載|扫描|掃描|扫码|掃碼|关注|關注|打开|打開|download|subscribe|sign up")
        .expect("valid regex")
});

/// Navigation phrases that make up a whole line of site chrome.
const NAV_PHRASES: &[&str] = &[
    "contact us",
    "about us",
    "privacy policy",
    "terms of use",
    "terms of service",
    "sitemap",
    "site map",
    "back to top",
    "share",
    "print",
    "subscribe",
    "follow us",
    "联系我们",
    "聯繫我們",
    "聯絡我們",
    "关于我们",
    "關於我們",
    "返回顶部",
    "返回頂部",
    "分享到",
    "打印",
    "网站地图",
    "網站地圖",
];

/// Headings of a reference section, chrome when nothing follows them.
const REFERENCE_HEADINGS: &[&str] = &[
    "參考來源",
    "参考来源",
    "參考資料",
    "参考资料",
    "參考文獻",
    "参考文献",
    "外部連結",
    "外部链接",
    "註釋",
    "注释",
    "references",
    "sources",
    "see also",
    "external links",
    "notes",
    "further reading",
];

/// The kinds of chrome one line can be by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// Strong evidence of page chrome (menus, breadcrumbs, bylines, wiki
    /// tools): lines above it at the top of the page are chrome too.
    Header,
    /// Chrome found anywhere (promo, copyright, credits).
    Other(DropReason),
}

/// Marks chrome blocks as dropped (in place).
pub fn mark(blocks: &mut [Block]) {
    let mut last_header = None;
    let mut in_header = true;
    for (i, b) in blocks.iter_mut().enumerate() {
        if b.drop.is_some() {
            continue;
        }
        match classify(&b.text) {
            Some(Chrome::Header) => {
                b.drop = Some(DropReason::Boilerplate);
                if in_header && i < HEADER_ZONE {
                    last_header = Some(i);
                }
            }
            Some(Chrome::Other(reason)) => b.drop = Some(reason),
            None => in_header &= !is_body_like(&b.text),
        }
    }
    // Short lines above the last header chrome (site slogans, titles of
    // the site rather than of the text) are chrome too.
    if let Some(k) = last_header {
        for b in blocks[..k].iter_mut() {
            if b.drop.is_none() && b.text.chars().count() <= HEADER_MAX_CHARS {
                b.drop = Some(DropReason::Boilerplate);
            }
        }
    }
    mark_tail(blocks);
}

/// Footer rules: copyright notices among the last kept blocks, and
/// reference-section headings followed by nothing.
fn mark_tail(blocks: &mut [Block]) {
    let kept: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].drop.is_none())
        .collect();
    for &i in kept.iter().rev().take(3) {
        if RIGHTS.is_match(&blocks[i].text) {
            blocks[i].drop = Some(DropReason::Boilerplate);
        }
    }
    for &i in kept.iter().rev() {
        let b = &mut blocks[i];
        if b.drop.is_some() {
            continue;
        }
        let t = b.text.trim_end_matches([':', '：']).to_lowercase();
        if REFERENCE_HEADINGS.contains(&t.as_str()) {
            b.drop = Some(DropReason::Boilerplate);
        } else {
            break;
        }
    }
}

/// Reads as body text: long, or a full sentence of some length. The page
/// header ends at the first such block.
fn is_body_like(text: &str) -> bool {
    let chars = text.chars().count();
    chars > HEADER_MAX_CHARS || chars > BODY_MIN_SENTENCE_CHARS && ends_sentence(text)
}

/// What kind of chrome a line is by itself, if any.
fn classify(text: &str) -> Option<Chrome> {
    if !text.chars().any(char::is_alphanumeric) {
        return Some(Chrome::Other(DropReason::Noise));
    }
    let chars = text.chars().count();
    if chars <= CAPTION_MAX_CHARS && CAPTION.is_match(text) {
        return Some(Chrome::Other(DropReason::Caption));
    }
    if is_menu(text) || is_breadcrumb(text) || chars <= BYLINE_MAX_CHARS && BYLINE.is_match(text) {
        return Some(Chrome::Header);
    }
    if chars <= NAV_MAX_CHARS
        && (WIKI_ACTION.find_iter(text).count() >= MIN_WIKI_ACTIONS
            || JUMP_TO.is_match(text)
            || is_nav_phrase(text))
    {
        return Some(Chrome::Header);
    }
    if COPYRIGHT_START.is_match(text) || text.starts_with(". All rights reserved") {
        return Some(Chrome::Other(DropReason::Boilerplate));
    }
    if chars <= PROMO_MAX_CHARS && PROMO_WHAT.is_match(text) && PROMO_VERB.is_match(text) {
        return Some(Chrome::Other(DropReason::Boilerplate));
    }
    None
}

/// Many short `|`-separated items: a language or site menu.
fn is_menu(text: &str) -> bool {
    let items: Vec<&str> = text.split(['|', '｜']).map(str::trim).collect();
    items.len() >= MENU_MIN_ITEMS
        && items
            .iter()
            .all(|i| i.chars().count() <= MENU_ITEM_MAX_CHARS)
}

/// `Home > Section > Page`: short items separated by `>`, `›` or `»`.
fn is_breadcrumb(text: &str) -> bool {
    let items: Vec<&str> = text.split(['>', '›', '»']).map(str::trim).collect();
    items.len() >= 2
        && text.chars().count() <= BREADCRUMB_MAX_CHARS
        && items
            .iter()
            .all(|i| !i.is_empty() && i.chars().count() <= BREADCRUMB_ITEM_MAX_CHARS)
        && !ends_sentence(text)
}

/// The whole line is a navigation phrase ("Contact Us").
fn is_nav_phrase(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    NAV_PHRASES.contains(&t.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(lines: &[&str]) -> Vec<Option<DropReason>> {
        let mut blocks: Vec<Block> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1))
            .collect();
        mark(&mut blocks);
        blocks.into_iter().map(|b| b.drop).collect()
    }

    const B: Option<DropReason> = Some(DropReason::Boilerplate);

    #[test]
    fn news_page_chrome() {
        let got = reasons(&[
            "中文|English|Français|Русский язык|日本語",
            "Home > World > Asia",
            "Site Title",
            "Updated:2019-04-17 | By:example.com",
            "A body paragraph that says something. It is long enough to be body text.",
            "Contact Us",
            "© 2024 Example News. All rights reserved.",
        ]);
        assert_eq!(got, [B, B, B, B, None, B, B]);
    }

    #[test]
    fn wiki_chrome_and_captions() {
        let got = reasons(&[
            "百科歡迎您提供資料。",
            "條目名檢視原始碼討論檢視歷史",
            "前往: 導覽搜尋",
            "條目名",
            "來自 某網站 的圖片",
            "簡稱: 條目",
            "正文在這裡,很長很長的一段文字。",
            "參考來源",
        ]);
        let cap = Some(DropReason::Caption);
        assert_eq!(got, [B, B, B, None, cap, None, None, B]);
    }

    #[test]
    fn body_mentions_are_kept() {
        let got = reasons(&[
            "The app was downloaded by millions, the report says, and usage grew.",
            "Editors at the paper said the story, published in May, was accurate.",
            "References to the 1992 speech are common in the literature.",
            "Reserved seats: all rights to attend were given to members.",
            "More text.",
        ]);
        assert_eq!(got, [None; 5]);
    }
}
