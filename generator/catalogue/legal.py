"""Problem kinds: legal sources: data/legal-sources.yaml and the citations of it."""

from __future__ import annotations

from .kind import Kind

KINDS = [
    Kind("legal-source-unknown", "error",
          "Trường “{field}” trích dẫn văn bản mã “{value}” nhưng danh mục data/legal-sources.yaml không có mã này.",
          "Field “{field}” cites the document “{value}”, which data/legal-sources.yaml does not list.",
          "Sửa mã cho đúng với một mã (id) trong data/legal-sources.yaml, hoặc thêm văn bản đó vào danh mục kèm số hiệu, "
          "ngày ban hành, ngày có hiệu lực và đường dẫn công khai.",
          "Correct the id to one in data/legal-sources.yaml, or add that document to the registry with its number, "
          "dates and public link."),
    Kind("legal-document-unknown", "error",
          "Trường “{field}” nhắc tới văn bản số “{value}” nhưng văn bản này chưa có trong danh mục data/legal-sources.yaml.",
          "Field “{field}” names the document “{value}”, which data/legal-sources.yaml does not list.",
          "Thêm văn bản vào data/legal-sources.yaml (số hiệu đúng như trên văn bản), hoặc sửa số hiệu cho khớp với danh mục. "
          "Trên trang nội dung, nên trích dẫn bằng mã: [[mã-văn-bản, Điều …]].",
          "Add the document to data/legal-sources.yaml (its number exactly as printed) or correct the number. On a "
          "content page, cite it by id: [[document-id, Điều …]]."),
    Kind("legal-source-dates", "error",
          "Ngày của văn bản “{value}” không hợp lý ở trường “{field}”: {detail}.",
          "The dates of document “{value}” do not fit at field “{field}”: {detail}.",
          "Đối chiếu lại với văn bản: ngày ban hành ≤ ngày có hiệu lực < ngày hết hiệu lực; văn bản hết hiệu lực ghi "
          "status: repealed, repealed_on và repealed_by.",
          "Check against the document: signed ≤ in force < repealed; a repealed document has status: repealed, "
          "repealed_on and repealed_by."),
]
