//! The demo team's catalogue: models with plausible years and prices in 만원,
//! and customers modelled on the people of SPEC section 1.

use crate::customers::CustomerSource;
use crate::inventory::{Fuel, Transmission};

pub struct Model {
    pub make: &'static str,
    pub model: &'static str,
    pub trims: &'static [&'static str],
    /// World manufacturer identifier: the VIN's first three characters.
    pub wmi: &'static str,
    pub years: (i32, i32),
    pub fuel: Fuel,
    pub transmission: Transmission,
    pub price_new_manwon: i64,
    pub price_floor_manwon: i64,
    pub count: u32,
}

// A row of the catalogue table above; positional to keep the table readable.
#[allow(clippy::too_many_arguments)]
const fn m(
    make: &'static str,
    model: &'static str,
    trims: &'static [&'static str],
    wmi: &'static str,
    years: (i32, i32),
    fuel: Fuel,
    price_new_manwon: i64,
    price_floor_manwon: i64,
    count: u32,
) -> Model {
    Model {
        make,
        model,
        trims,
        wmi,
        years,
        fuel,
        transmission: Transmission::Auto,
        price_new_manwon,
        price_floor_manwon,
        count,
    }
}

pub const MODELS: &[Model] = &[
    m(
        "르노삼성",
        "SM520",
        &["LE", "SE", "PLE"],
        "KNM",
        (2002, 2004),
        Fuel::Gasoline,
        2100,
        180,
        6,
    ),
    m(
        "르노삼성",
        "SM5",
        &["SE", "LE", "RE"],
        "KNM",
        (2010, 2018),
        Fuel::Gasoline,
        2600,
        350,
        4,
    ),
    m(
        "르노삼성",
        "SM5 LPe",
        &["PE", "SE"],
        "KNM",
        (2014, 2018),
        Fuel::Lpg,
        2400,
        400,
        1,
    ),
    m(
        "현대",
        "쏘나타",
        &["스마트", "모던", "프리미엄"],
        "KMH",
        (2014, 2022),
        Fuel::Gasoline,
        2900,
        600,
        5,
    ),
    m(
        "현대",
        "그랜저",
        &["프리미엄", "익스클루시브", "캘리그래피"],
        "KMH",
        (2016, 2022),
        Fuel::Gasoline,
        3900,
        900,
        4,
    ),
    m(
        "현대",
        "아반떼",
        &["스마트", "모던", "인스퍼레이션"],
        "KMH",
        (2016, 2023),
        Fuel::Gasoline,
        2100,
        500,
        4,
    ),
    m(
        "기아",
        "K5",
        &["프레스티지", "노블레스", "시그니처"],
        "KNA",
        (2016, 2023),
        Fuel::Gasoline,
        2800,
        700,
        4,
    ),
    m(
        "기아",
        "쏘렌토",
        &["프레스티지", "노블레스"],
        "KNA",
        (2015, 2021),
        Fuel::Diesel,
        3500,
        900,
        2,
    ),
    m(
        "기아",
        "모닝",
        &["럭셔리", "프레스티지"],
        "KNA",
        (2015, 2022),
        Fuel::Gasoline,
        1300,
        300,
        2,
    ),
    m(
        "대우",
        "레조",
        &["SX", "CDX"],
        "KLA",
        (2002, 2006),
        Fuel::Lpg,
        1600,
        90,
        2,
    ),
    m(
        "현대",
        "싼타페",
        &["프리미엄", "익스클루시브"],
        "KMH",
        (2016, 2020),
        Fuel::Diesel,
        3600,
        1000,
        2,
    ),
    m(
        "쉐보레",
        "말리부",
        &["LT", "프리미어"],
        "KLA",
        (2017, 2021),
        Fuel::Gasoline,
        2900,
        700,
        2,
    ),
    m(
        "쌍용",
        "티볼리",
        &["V3", "V5"],
        "KPT",
        (2017, 2021),
        Fuel::Gasoline,
        2100,
        600,
        2,
    ),
];

pub const PLATE_LETTERS: &[&str] = &[
    "가", "나", "다", "라", "마", "거", "너", "더", "러", "머", "버", "서", "어", "저", "고", "노",
    "도", "로", "모", "보", "소", "오", "조", "구", "누", "두", "루", "무", "부", "수", "우", "주",
];

pub const COLORS: &[&str] = &["흰색", "검정", "은색", "쥐색", "진주색", "청색", "와인색"];

pub const NOTES: &[&str] = &[
    "1인 소유, 정비이력 있음",
    "무사고, 실내 깨끗함",
    "타이어 4본 교체 (2025년)",
    "앞범퍼 도색, 단순 외판",
    "비흡연 차량",
    "",
];

pub fn tags_for(n: u64) -> Vec<String> {
    let all: &[&[&str]] = &[
        &["1인소유"],
        &["무사고"],
        &["비흡연"],
        &["썬루프"],
        &[],
        &["무사고", "1인소유"],
    ];
    all[n as usize % all.len()]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

pub struct DemoCustomer {
    pub name: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub region: &'static str,
    pub source: CustomerSource,
    pub current_car: &'static str,
    pub trade_in: bool,
    pub models: &'static [&'static str],
    pub years: Option<(i32, i32)>,
    pub budget_manwon: Option<i64>,
    pub mileage_max_km: Option<i64>,
    pub fuel: Option<Fuel>,
    pub color: &'static str,
    pub colleague: bool,
    pub notes: &'static str,
    pub consent: bool,
}

// A row of the customer table below; positional to keep the table readable.
#[allow(clippy::too_many_arguments)]
const fn c(
    name: &'static str,
    phone: &'static str,
    email: &'static str,
    region: &'static str,
    source: CustomerSource,
    current_car: &'static str,
    models: &'static [&'static str],
    budget_manwon: Option<i64>,
    notes: &'static str,
) -> DemoCustomer {
    DemoCustomer {
        name,
        phone,
        email,
        region,
        source,
        current_car,
        trade_in: false,
        models,
        years: None,
        budget_manwon,
        mileage_max_km: None,
        fuel: None,
        color: "",
        colleague: false,
        notes,
        consent: true,
    }
}

pub const CUSTOMERS: &[DemoCustomer] = &[
    DemoCustomer {
        trade_in: true,
        years: Some((2002, 2004)),
        mileage_max_km: Some(200_000),
        fuel: Some(Fuel::Gasoline),
        ..c("이준혁", "010-2934-5521", "junhyuk.lee@naver.com", "서울 노원구", CustomerSource::Blog,
            "2002 대우 레조 (자동)", &["SM520"], Some(500),
            "블로그 보고 전화. 허위매물이 많아 사진과 상태 설명을 이메일로 받고 비교하고 싶어함. 토요일 12시경 방문 예정.")
    },
    DemoCustomer {
        source: CustomerSource::Repeat,
        colleague: true,
        ..c("최영수·한미경", "010-5512-8830", "youngsoo.choi@daum.net", "대전 서구", CustomerSource::Repeat,
            "2019 현대 싼타페", &["그랜저", "K5"], Some(2500), "3년째 거래한 부부 고객. 예고 없이 매장 방문하는 편.")
    },
    DemoCustomer { years: Some((2019, 2023)), ..c("정하늘", "010-3381-9042", "haneul.jung@gmail.com", "대전 유성구", CustomerSource::ListingSite, "", &["아반떼", "K5"], Some(1800), "첫 차. 사회초년생, 할부 문의.") },
    DemoCustomer { fuel: Some(Fuel::Diesel), ..c("강동원", "010-7720-1184", "", "세종시", CustomerSource::Referral, "2012 기아 쏘렌토", &["쏘렌토", "싼타페"], Some(2800), "캠핑용 SUV. 최영수 고객 소개.") },
    c("윤서연", "010-9021-3375", "seoyeon.yoon@naver.com", "대전 중구", CustomerSource::WalkIn, "", &["모닝"], Some(800), "출퇴근용 경차."),
    DemoCustomer { years: Some((2018, 2022)), ..c("오민재", "010-4410-2290", "minjae.oh@kakao.com", "청주시", CustomerSource::Blog, "2010 현대 쏘나타", &["쏘나타", "SM5"], Some(1500), "") },
    DemoCustomer { mileage_max_km: Some(60_000), ..c("한지민", "010-6630-1427", "jimin.han@gmail.com", "대전 서구", CustomerSource::Phone, "", &["그랜저"], Some(3000), "주행거리 적은 차 선호.") },
    DemoCustomer { trade_in: true, ..c("임태호", "010-2258-7719", "", "공주시", CustomerSource::WalkIn, "2006 대우 레조", &["SM5", "말리부"], Some(1200), "레조 매입 문의 함께.") },
    DemoCustomer { colleague: true, ..c("서지훈", "010-8812-4403", "jihoon.seo@naver.com", "천안시", CustomerSource::ListingSite, "", &["K5"], Some(2200), "") },
    DemoCustomer { color: "흰색", ..c("문채원", "010-3307-6650", "chaewon.moon@gmail.com", "대전 유성구", CustomerSource::Blog, "", &["티볼리"], Some(1600), "흰색만 원함.") },
    DemoCustomer { consent: false, ..c("배성우", "010-5590-2281", "", "논산시", CustomerSource::Phone, "2004 르노삼성 SM520", &["SM520", "SM5"], Some(700), "연락은 전화로만.") },
    c("신유나", "010-4023-8876", "yuna.shin@daum.net", "서울 송파구", CustomerSource::Blog, "", &["아반떼"], Some(1400), "이메일로 사진 요청."),
    DemoCustomer { colleague: true, fuel: Some(Fuel::Lpg), ..c("조현우", "010-6671-0935", "", "대전 동구", CustomerSource::Referral, "2015 르노삼성 SM5", &["SM5 LPe"], Some(1100), "택시 경력, LPG 선호.") },
    c("김하은", "010-2290-4417", "haeun.kim@naver.com", "대전 서구", CustomerSource::Repeat, "2017 기아 모닝", &["K5", "쏘나타"], Some(2000), "재구매 고객."),
    DemoCustomer { years: Some((2017, 2021)), ..c("장민호", "010-9983-1150", "minho.jang@gmail.com", "전주시", CustomerSource::ListingSite, "", &["말리부", "SM5"], Some(1300), "") },
];

/// Owners of the cars sold before the demo's day: each sold car has a buyer
/// registered (SPEC 1: every buyer is registered and cared for). They want
/// nothing now, so no car's page lists them as interested.
#[rustfmt::skip]
pub const BUYERS: &[DemoCustomer] = &[
    c("송재영", "010-3346-7702", "jaeyoung.song@naver.com", "대전 서구", CustomerSource::Blog, "", &[], None, "구매 후 관리 고객."),
    c("권나래", "010-8125-4430", "narae.kwon@gmail.com", "대전 유성구", CustomerSource::WalkIn, "", &[], None, "구매 후 관리 고객."),
    c("황보석", "010-2731-9918", "", "계룡시", CustomerSource::Phone, "", &[], None, "구매 후 관리 고객. 문자보다 전화 선호."),
    c("남궁민아", "010-5506-3127", "mina.namgung@daum.net", "대전 중구", CustomerSource::Referral, "", &[], None, "구매 후 관리 고객."),
    c("유정민", "010-4419-2286", "jungmin.yoo@kakao.com", "세종시", CustomerSource::ListingSite, "", &[], None, "구매 후 관리 고객."),
    c("백승호", "010-9914-5573", "", "옥천군", CustomerSource::WalkIn, "", &[], None, "구매 후 관리 고객."),
    c("이수진", "010-6620-8841", "sujin.lee@naver.com", "대전 동구", CustomerSource::Blog, "", &[], None, "구매 후 관리 고객."),
    c("김도윤", "010-3082-1195", "doyun.kim@gmail.com", "청주시", CustomerSource::Phone, "", &[], None, "구매 후 관리 고객."),
];
