//! Writes a synthetic presplit document pair for speed and memory runs:
//! `cargo run --release --example synthetic -- N DIR` gives `DIR/zh.txt`
//! (N Chinese sentences built from dictionary words) and `DIR/en.txt`
//! (their glosses; about one in four split into two sentences, one in
//! fifty dropped). Deterministic (xorshift with a fixed seed).

/// Chinese and English lines of a synthetic pair of `n` source sentences.
pub fn synthetic_text(n: usize) -> (String, String) {
    const WORDS: &[(&str, &str)] = &[
        ("会议", "meeting"),
        ("秘书", "secretary"),
        ("论坛", "forum"),
        ("合作", "cooperation"),
        ("信任", "trust"),
        ("措施", "measures"),
        ("国家", "country"),
        ("讨论", "discuss"),
        ("安全", "security"),
        ("发展", "development"),
        ("经济", "economy"),
        ("城市", "city"),
        ("学生", "student"),
        ("老师", "teacher"),
        ("朋友", "friend"),
        ("医生", "doctor"),
        ("河流", "river"),
        ("山", "mountain"),
        ("书", "book"),
        ("马", "horse"),
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut zh, mut en) = (String::new(), String::new());
    for i in 0..n {
        let k = 3 + (next() % 8) as usize;
        let picks: Vec<usize> = (0..k)
            .map(|_| (next() % WORDS.len() as u64) as usize)
            .collect();
        for &p in &picks {
            zh.push_str(WORDS[p].0);
        }
        zh.push_str(&format!("{i}。\n"));
        let words: Vec<&str> = picks.iter().map(|&p| WORDS[p].1).collect();
        match next() % 50 {
            0 => {}
            1..=12 => {
                let half = words.len() / 2;
                en.push_str(&format!("The {} {i}.\n", words[..half].join(" ")));
                en.push_str(&format!("Then the {}.\n", words[half..].join(" ")));
            }
            _ => en.push_str(&format!("The {} {i}.\n", words.join(" "))),
        }
    }
    (zh, en)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("."));
    let (zh, en) = synthetic_text(n);
    std::fs::create_dir_all(&dir).expect("create dir");
    std::fs::write(dir.join("zh.txt"), zh).expect("write zh.txt");
    std::fs::write(dir.join("en.txt"), en).expect("write en.txt");
    eprintln!("wrote {n} source sentences to {}", dir.display());
}
