"""Problem kinds: explanations a unit gives on its own initiative (data/<unit>/giai-trinh-chu-dong/)
and the document each one explains."""

from __future__ import annotations

from .kind import Kind

KINDS = [
    Kind("proactive-policy-without-document", "error",
          "Giải trình chủ động về chủ trương, chính sách mới nhưng không ghi văn bản ban hành chủ trương, "
          "chính sách đó (thiếu cả “document_number” lẫn “legal_source”).",
          "A proactive explanation of a new policy names no document (neither “document_number” nor “legal_source”).",
          "Ghi số hiệu văn bản vào document_number (ví dụ 80/KH-UBND) kèm document_title và document_issued_on, "
          "hoặc ghi mã của văn bản trong data/legal-sources.yaml vào legal_source; nếu nội dung không giải trình "
          "một văn bản nào thì chọn lý do khác ở trường occasion.",
          "Write the document's number in document_number (with document_title and document_issued_on), or its "
          "id in data/legal-sources.yaml in legal_source; if no document is explained, choose another occasion."),
    Kind("legal-source-number-mismatch", "error",
          "Số hiệu văn bản “{value}” ở trường “{field}” không khớp với văn bản mã “{detail}” trong danh mục "
          "data/legal-sources.yaml.",
          "Document number “{value}” in field “{field}” does not match the document “{detail}” of "
          "data/legal-sources.yaml.",
          "Ghi số hiệu đúng như trong danh mục, hoặc sửa mã legal_source cho đúng văn bản; khi đã có legal_source "
          "có thể bỏ trống document_number.",
          "Write the number as the registry has it, or correct legal_source; with legal_source the number may be "
          "left out."),
]
