"""The words a synthetic province is written with: places, departments, topics, sentences."""

SYLLABLES = ("An Bình Châu Đông Tây Nam Bắc Hòa Hưng Phú Tân Thành Minh Quang Hồng Lộc Mỹ Phúc "
             "Thịnh Vĩnh Long Hải Sơn Lâm Trung Văn Đức Hiệp Nghĩa Thuận Lạc Hà Khánh Cường Tiến "
             "Thạch Xuân Yên Kim Ngọc Trường Thái Định Bảo Gia Đồng Tràng Lũng Pác Bắc Sơn Chi Lăng "
             "Hữu Lũng Cao Lộc Na Dương Mẫu Sơn Tú Đoạn Khuất Xá Hoàng Đồng Quan Sơn Vân Mộng").split()
DEPARTMENTS = ("Tài chính", "Xây dựng", "Nội vụ", "Tư pháp", "Y tế", "Giáo dục và Đào tạo",
               "Công Thương", "Nông nghiệp và Môi trường", "Khoa học và Công nghệ",
               "Văn hóa, Thể thao và Du lịch", "Ngoại vụ", "Dân tộc và Tôn giáo")
BRANCHES = (("bql-kkt-dong-dang", "ban", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"),
            ("bql-da-dtxd-tinh", "ban", "Ban Quản lý dự án đầu tư xây dựng tỉnh"),
            ("cong-an-tinh", "nganh", "Công an tỉnh"), ("bhxh-tinh", "nganh", "Bảo hiểm xã hội tỉnh"),
            ("cuc-thue-tinh", "nganh", "Cục Thuế tỉnh"))
SERVICE_UNITS = ("Bệnh viện Đa khoa", "Trung tâm Y tế", "Trường Trung học phổ thông", "Trung tâm Phát triển quỹ đất",
                 "Văn phòng Đăng ký đất đai, chi nhánh", "Trung tâm Dịch vụ việc làm", "Ban Quản lý rừng phòng hộ",
                 "Trung tâm Văn hóa, Thông tin và Thể thao")
PLACES = ("thôn Nà Pàn", "khối phố 3", "thôn Bản Cưởm", "khu tái định cư phía Nam", "cụm công nghiệp Hợp Thành",
          "thôn Pò Mã", "tuyến đường tỉnh 232", "khu dân cư Phai Luông", "chợ trung tâm", "thôn Khòn Phiêng",
          "khu đô thị mới Mai Pha", "bến xe phía Bắc", "thôn Nà Lầu", "khu vực cửa khẩu Tân Thanh")
TOPICS = {
    "dat_dai": ("việc chậm cấp Giấy chứng nhận quyền sử dụng đất", "phương án bồi thường, hỗ trợ khi thu hồi đất",
                "việc xác định ranh giới thửa đất", "giá đất cụ thể tính tiền bồi thường",
                "việc từ chối đăng ký biến động đất đai"),
    "xay_dung": ("việc từ chối cấp giấy phép xây dựng", "việc xử lý công trình xây dựng sai phép",
                 "chất lượng công trình đường giao thông nông thôn", "tiến độ thi công nhà văn hóa"),
    "thu_tuc_hanh_chinh": ("việc trả hồ sơ quá hạn", "yêu cầu bổ sung giấy tờ không có trong quy định",
                           "thời gian giải quyết thủ tục đăng ký kinh doanh", "việc thu phí, lệ phí"),
    "quy_hoach": ("việc điều chỉnh quy hoạch sử dụng đất", "việc công bố quy hoạch chi tiết",
                  "việc chuyển mục đích sử dụng đất trong quy hoạch", "lộ giới tuyến đường trong quy hoạch"),
    "dau_tu": ("việc lựa chọn nhà đầu tư dự án", "tiến độ dự án đầu tư công", "việc giãn tiến độ dự án",
               "ưu đãi đầu tư tại khu kinh tế"),
    "tai_chinh": ("việc sử dụng kinh phí hỗ trợ", "việc thu, chi quỹ phòng chống thiên tai",
                  "quyết toán kinh phí sự nghiệp", "việc chi trả trợ cấp xã hội"),
    "can_bo": ("kết quả tuyển dụng công chức", "việc điều động, luân chuyển cán bộ",
               "thái độ tiếp dân của công chức một cửa", "việc xếp loại viên chức"),
    "moi_truong": ("ô nhiễm từ cơ sở chăn nuôi", "việc cấp phép khai thác khoáng sản",
                   "việc thu gom, xử lý rác thải sinh hoạt", "tiếng ồn từ xưởng chế biến gỗ"),
    "chung_thuc": ("việc từ chối chứng thực hợp đồng", "thời gian chứng thực bản sao",
                   "việc chứng thực chữ ký người dịch"),
    "khac": ("việc cung cấp thông tin theo yêu cầu", "việc bố trí lịch tiếp công dân", "hoạt động của tổ hòa giải"),
}
FIELD_WEIGHTS = {"dat_dai": 30, "xay_dung": 12, "thu_tuc_hanh_chinh": 14, "quy_hoach": 8, "dau_tu": 5,
                 "tai_chinh": 8, "can_bo": 6, "moi_truong": 8, "chung_thuc": 4, "khac": 5}
REQUESTERS = {"citizen": 70, "organisation": 8, "business": 14, "press": 4, "elected_body": 4}
CHANNELS = {"in_writing": 55, "in_person": 25, "online": 20}
REQUEST_OPENINGS = ("{who} đề nghị {unit} giải trình {topic} tại {place}.",
                    "{who} yêu cầu làm rõ căn cứ pháp lý của {topic} tại {place}.",
                    "{who} phản ánh {topic} tại {place} và đề nghị cơ quan giải trình.")
REQUEST_DETAILS = ("Hồ sơ đã nộp đầy đủ theo hướng dẫn nhưng đến nay chưa nhận được văn bản trả lời.",
                   "Người yêu cầu cho rằng quyết định này ảnh hưởng trực tiếp đến quyền và lợi ích hợp pháp của mình.",
                   "Việc thực hiện chưa công khai, minh bạch và chưa đúng thời hạn đã hẹn.",
                   "Đề nghị cung cấp văn bản, tài liệu liên quan và thời hạn giải quyết cụ thể.")
ANSWER_PARTS = ("Căn cứ quy định của pháp luật hiện hành và hồ sơ lưu trữ, cơ quan đã xem xét toàn bộ nội dung yêu cầu.",
                "Đã tổ chức làm việc trực tiếp với người yêu cầu, lập biên bản và thống nhất hướng xử lý.",
                "Việc chậm trễ do hồ sơ phải lấy ý kiến của các cơ quan chuyên môn; cơ quan nghiêm túc rút kinh nghiệm.",
                "Quyết định đã ban hành đúng thẩm quyền, trình tự; người yêu cầu có quyền khiếu nại theo quy định.",
                "Cơ quan cam kết hoàn thành việc giải quyết và công khai kết quả trên Cổng thông tin điện tử.",
                "Đã giao bộ phận chuyên môn rà soát, kiểm điểm trách nhiệm cá nhân có liên quan.")
REFUSALS = ("Nội dung yêu cầu không thuộc thẩm quyền giải trình của cơ quan; đã hướng dẫn gửi đến cơ quan có thẩm quyền.",
            "Người yêu cầu không có quyền, lợi ích hợp pháp chịu tác động trực tiếp của quyết định, hành vi.",
            "Nội dung đã được giải trình trước đó và không có tình tiết mới.")
EXTENSIONS = ("Nội dung phức tạp, cần xác minh tại thực địa và lấy ý kiến của nhiều cơ quan.",
              "Cần chờ kết quả đo đạc, trích lục hồ sơ địa chính.")
TITLES = {"so": "Giám đốc {name}", "ban": "Trưởng {name}", "nganh": "Thủ trưởng {name}",
          "ubnd_tinh": "Chủ tịch UBND tỉnh", "ubnd_xa": "Chủ tịch UBND {short}", "ubnd_phuong": "Chủ tịch UBND {short}",
          "dvsn": "Giám đốc {name}", "khac": "Chánh {name}"}
COMMITMENTS = ("Hoàn thành việc cấp Giấy chứng nhận cho các hộ đủ điều kiện", "Công khai danh mục hồ sơ và thời hạn giải quyết",
               "Khắc phục các tồn tại nêu trong kết luận thanh tra", "Kiểm điểm trách nhiệm tập thể, cá nhân có liên quan",
               "Rà soát, điều chỉnh quy trình tiếp nhận hồ sơ tại bộ phận một cửa", "Thu hồi khoản chi sai quy định",
               "Tổ chức đối thoại với các hộ dân bị ảnh hưởng")
PLAN_TASKS = ("Quán triệt Chỉ thị số 53-CT/TW tới toàn thể cán bộ, công chức, viên chức",
              "Công khai quy trình tiếp nhận và giải quyết yêu cầu giải trình",
              "Cập nhật cơ sở dữ liệu giải trình và công khai trên Cổng thông tin điện tử",
              "Tổ chức đối thoại định kỳ với người dân, doanh nghiệp", "Kiểm tra việc thực hiện trách nhiệm giải trình",
              "Sơ kết, đánh giá kết quả thực hiện kế hoạch")
